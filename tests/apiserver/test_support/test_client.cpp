#include "test_client.h"

#include <httplib.h>
#include <openssl/pem.h>

namespace kraft::testing {

namespace {

X509* read_cert(const std::string& pem) {
  BIO* b = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* c = PEM_read_bio_X509(b, nullptr, nullptr, nullptr);
  BIO_free(b);
  return c;
}

EVP_PKEY* read_key(const std::string& pem) {
  BIO* b = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* k = PEM_read_bio_PrivateKey(b, nullptr, nullptr, nullptr);
  BIO_free(b);
  return k;
}

// A client of 127.0.0.1:port that verifies the server against `ca_pem`.
std::unique_ptr<httplib::SSLClient> make_client(int port, const std::string& ca_pem,
                                                const Credentials& creds) {
  std::unique_ptr<httplib::SSLClient> cli;
  if (creds.client_cert) {
    X509* cert = read_cert(creds.client_cert->cert_pem);
    EVP_PKEY* key = read_key(creds.client_cert->key_pem);
    cli = std::make_unique<httplib::SSLClient>("127.0.0.1", port, cert, key);
    X509_free(cert);
    EVP_PKEY_free(key);
  } else {
    cli = std::make_unique<httplib::SSLClient>("127.0.0.1", port);
  }
  X509_STORE* store = X509_STORE_new();
  X509* ca = read_cert(ca_pem);
  X509_STORE_add_cert(store, ca);
  X509_free(ca);
  cli->set_ca_cert_store(store);
  cli->enable_server_certificate_verification(true);
  cli->set_keep_alive(true);
  cli->set_read_timeout(std::chrono::seconds(30));
  if (!creds.bearer_token.empty()) cli->set_bearer_token_auth(creds.bearer_token);
  if (!creds.basic_user.empty()) cli->set_basic_auth(creds.basic_user, creds.basic_password);
  return cli;
}

std::unique_ptr<httplib::SSLClient> make_client(const TestApiServer& server,
                                                const Credentials& creds) {
  return make_client(server.port(), server.ca_pem(), creds);
}

HttpResult to_result(const httplib::Result& r) {
  HttpResult out;
  if (!r) {
    out.transport_error = httplib::to_string(r.error());
    return out;
  }
  out.status = r->status;
  out.body = r->body;
  out.content_type = r->get_header_value("Content-Type");
  for (const auto& [k, v] : r->headers) {
    if (k == "Warning") out.warnings.push_back(v);
    out.headers[k] = v;
  }
  return out;
}

}  // namespace

struct TestClient::Impl {
  const TestApiServer& server;
  Credentials creds;
  std::unique_ptr<httplib::SSLClient> cli;
};

struct WatchConnection {
  std::unique_ptr<httplib::SSLClient> cli;
};

TestClient::TestClient(const TestApiServer& server, Credentials credentials)
    : impl_(std::make_unique<Impl>(Impl{server, credentials, make_client(server, credentials)})) {}

TestClient::~TestClient() = default;

HttpResult TestClient::request(const std::string& method, const std::string& path_and_query,
                               const std::string& body, const std::string& content_type,
                               const std::map<std::string, std::string>& headers) {
  httplib::Headers h = {{"Accept", "application/json"}};
  // A caller's User-Agent replaces ours: it names the field manager of writes.
  if (headers.count("User-Agent") == 0) h.emplace("User-Agent", "kraft-tests/1.0");
  for (const auto& [k, v] : headers) h.emplace(k, v);
  auto& cli = *impl_->cli;
  if (method == "GET") return to_result(cli.Get(path_and_query, h));
  if (method == "HEAD") return to_result(cli.Head(path_and_query, h));
  if (method == "OPTIONS") return to_result(cli.Options(path_and_query, h));
  if (method == "POST") return to_result(cli.Post(path_and_query, h, body, content_type));
  if (method == "PUT") return to_result(cli.Put(path_and_query, h, body, content_type));
  if (method == "PATCH") return to_result(cli.Patch(path_and_query, h, body, content_type));
  if (method == "DELETE") {
    return to_result(body.empty() ? cli.Delete(path_and_query, h)
                                  : cli.Delete(path_and_query, h, body, content_type));
  }
  HttpResult r;
  r.transport_error = "unsupported method " + method;
  return r;
}

std::unique_ptr<TestClient::Watch> TestClient::watch(const std::string& path_and_query) {
  auto w = std::make_unique<Watch>();
  w->connection_ = std::make_unique<WatchConnection>();
  w->connection_->cli = make_client(impl_->server, impl_->creds);
  w->connection_->cli->set_read_timeout(std::chrono::seconds(120));
  Watch* raw = w.get();
  w->thread_ = std::thread([raw, path_and_query] {
    httplib::Headers h = {{"Accept", "application/json"}, {"User-Agent", "kraft-tests/1.0"}};
    auto res = raw->connection_->cli->Get(
        path_and_query, h,
        [raw](const httplib::Response& response) {
          std::lock_guard lock(raw->mu_);
          raw->status_ = response.status;
          raw->content_type_ = response.get_header_value("Content-Type");
          return true;
        },
        [raw](const char* data, size_t len) {
          std::lock_guard lock(raw->mu_);
          raw->partial_.append(data, len);
          size_t nl;
          while ((nl = raw->partial_.find('\n')) != std::string::npos) {
            std::string line = raw->partial_.substr(0, nl);
            raw->partial_.erase(0, nl + 1);
            if (!line.empty()) raw->events_.push_back(nlohmann::json::parse(line, nullptr, false));
          }
          raw->cv_.notify_all();
          return true;
        });
    std::lock_guard lock(raw->mu_);
    if (res && raw->status_ == 0) raw->status_ = res->status;
    if (res && res->status != 200 && !res->body.empty()) {
      raw->events_.push_back(nlohmann::json::parse(res->body, nullptr, false));
    }
    raw->closed_ = true;
    raw->cv_.notify_all();
  });
  return w;
}

TestClient::Watch::~Watch() {
  if (connection_ && connection_->cli) connection_->cli->stop();
  if (thread_.joinable()) thread_.join();
}

std::optional<nlohmann::json> TestClient::Watch::next(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, timeout, [&] { return !events_.empty() || closed_; });
  if (events_.empty()) return std::nullopt;
  auto e = std::move(events_.front());
  events_.pop_front();
  return e;
}

bool TestClient::Watch::wait_closed(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, timeout, [&] { return closed_; });
}

std::unique_ptr<TestClient::Watch> TestClient::watch_from_now(const std::string& path) {
  std::string rv = get(path).json()["metadata"]["resourceVersion"];
  return watch(path + (path.find('?') == std::string::npos ? "?" : "&") +
               "watch=1&resourceVersion=" + rv);
}

bool await_event(TestClient::Watch& watch, const std::string& type, const std::string& name) {
  while (auto e = watch.next(std::chrono::seconds(10))) {
    if ((*e)["type"] == type && (*e)["object"]["metadata"]["name"] == name) return true;
  }
  return false;
}

nlohmann::json namespace_body(const std::string& name) {
  return {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", name}}}};
}

nlohmann::json cluster_body(const std::string& name, const nlohmann::json& spec) {
  return {{"apiVersion", "k3k.io/v1beta1"},
          {"kind", "Cluster"},
          {"metadata", {{"name", name}}},
          {"spec", spec}};
}

HttpResult get_from(int port, const std::string& ca_pem, const Credentials& credentials,
                    const std::string& path) {
  return to_result(make_client(port, ca_pem, credentials)->Get(path.c_str()));
}

}  // namespace kraft::testing
