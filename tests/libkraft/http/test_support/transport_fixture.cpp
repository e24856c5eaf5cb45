#include "transport_fixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace kraft::testing {

http::TransportOptions admin_options(const TestApiServer& server) {
  http::TransportOptions options;
  options.tls.ca_pem = server.ca_pem();
  options.tls.client_cert_pem = server.admin_credentials().cert_pem;
  options.tls.client_key_pem = Secret(server.admin_credentials().key_pem);
  options.retry.initial_backoff = std::chrono::milliseconds(1);
  options.retry.max_backoff = std::chrono::milliseconds(5);
  options.rate_limit.qps = 0;
  return options;
}

http::Request get(const TestApiServer& server, const std::string& path) {
  http::Request request;
  request.url = server.url() + path;
  request.headers = {{"Accept", "application/json"}};
  return request;
}

ClosedPort::ClosedPort() {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    throw std::runtime_error("cannot reserve a closed port");
  }
  port_ = ntohs(addr.sin_port);
}

ClosedPort::~ClosedPort() {
  if (fd_ >= 0) ::close(fd_);
}

Logger LogCapture::logger(int verbosity) {
  return Logger{verbosity, [this](int, std::string_view line) {
                  std::lock_guard lock(mu_);
                  lines_.emplace_back(line);
                }};
}

std::vector<std::string> LogCapture::lines() const {
  std::lock_guard lock(mu_);
  return lines_;
}

std::string LogCapture::all() const {
  std::string out;
  for (const auto& line : lines()) out += line + "\n";
  return out;
}

}  // namespace kraft::testing
