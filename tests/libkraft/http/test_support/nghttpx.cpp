#include "nghttpx.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace kraft::testing {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
}

// An ephemeral port nobody listens on right now. nghttpx binds it itself, so another program
// could take it first: start() then fails and the caller tries another.
int pick_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    throw std::runtime_error("cannot find a free port on 127.0.0.1");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool accepts_connections(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  if (fd >= 0) ::close(fd);
  return ok;
}

}  // namespace

std::optional<std::string> Nghttpx::program() {
  if (auto found = find_on_path("nghttpx")) return found;
  // Debian installs it in /usr/sbin, which a user's PATH may lack.
  if (::access("/usr/sbin/nghttpx", X_OK) == 0) return "/usr/sbin/nghttpx";
  return std::nullopt;
}

Nghttpx::Nghttpx(const TestApiServer& backend, const KeyPair& frontend) {
  auto nghttpx = program();
  if (!nghttpx) throw std::runtime_error("nghttpx is not installed");
  std::string pattern = (fs::temp_directory_path() / "kraft-nghttpx-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot make a temp dir");
  dir_ = pattern;
  const fs::path dir(dir_);
  write_file(dir / "frontend.key", frontend.key_pem);
  write_file(dir / "frontend.crt", frontend.cert_pem);
  write_file(dir / "backend-ca.crt", backend.ca_pem());
  write_file(dir / "client.key", backend.admin_credentials().key_pem);
  write_file(dir / "client.crt", backend.admin_credentials().cert_pem);
  write_file(dir / "access.log", "");
  backend_port_ = backend.port();
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (start(*nghttpx, pick_port())) return;
  }
  fs::remove_all(dir_);
  throw std::runtime_error("nghttpx did not start");
}

bool Nghttpx::start(const std::string& program, int port) {
  const fs::path dir(dir_);
  process_ = std::make_unique<ChildProcess>(
      program,
      std::vector<std::string>{
          "--conf=/dev/null",  // not /etc/nghttpx/nghttpx.conf
          "--single-process", "--workers=1", "--no-ocsp", "-f127.0.0.1," + std::to_string(port),
          // The backend over TLS, as the admin: the test API server authenticates clients by
          // certificate, and nghttpx verifies the server's against its CA, by a name it carries.
          "-b127.0.0.1," + std::to_string(backend_port_) + ";;tls;sni=localhost",
          "--cacert=" + (dir / "backend-ca.crt").string(),
          "--client-private-key-file=" + (dir / "client.key").string(),
          "--client-cert-file=" + (dir / "client.crt").string(),
          "--accesslog-file=" + (dir / "access.log").string(),
          "--accesslog-format=$alpn $remote_port $status $method $path",
          "--errorlog-file=" + (dir / "error.log").string(), (dir / "frontend.key").string(),
          (dir / "frontend.crt").string()});
  // Ready once it accepts a connection; it exits at once when it cannot bind the port.
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (Clock::now() < deadline) {
    if (accepts_connections(port)) {
      port_ = port;
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  process_->stop();
  return false;
}

Nghttpx::~Nghttpx() {
  if (process_) process_->stop();
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

std::vector<std::string> Nghttpx::access_log() const {
  std::ifstream in(fs::path(dir_) / "access.log");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

std::string Nghttpx::error_log() const {
  std::ifstream in(fs::path(dir_) / "error.log");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> Nghttpx::access_log_of(size_t count) const {
  // nghttpx writes a request's entry just after its response, so a client may see the answer
  // a moment before the line is there.
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  std::vector<std::string> lines = access_log();
  while (lines.size() < count && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    lines = access_log();
  }
  return lines;
}

}  // namespace kraft::testing
