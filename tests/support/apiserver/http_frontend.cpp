#include "http_frontend.h"

#include <httplib.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <stdexcept>
#include <thread>

#include "openapi.h"
#include "status.h"

namespace kraft::testing {

namespace {

nlohmann::json version_info() {
  return {{"major", "1"},          {"minor", "26"},
          {"gitVersion", "v1.26.4"}, {"gitCommit", "f89670c3aa4059d6999cb42e23ccb4f0b9d03979"},
          {"gitTreeState", "clean"}, {"buildDate", "2023-04-12T12:05:35Z"},
          {"goVersion", "go1.19.8"}, {"compiler", "gc"},
          {"platform", "linux/amd64"}};
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

PeerCertificate peer_certificate(const httplib::Request& req) {
  PeerCertificate out;
  if (req.ssl == nullptr) return out;
  SSL* ssl = const_cast<SSL*>(req.ssl);
  X509* cert = SSL_get1_peer_certificate(ssl);
  if (cert == nullptr) return out;
  out.present = true;
  out.verified = SSL_get_verify_result(ssl) == X509_V_OK;
  X509_NAME* name = X509_get_subject_name(cert);
  for (int i = 0; i < X509_NAME_entry_count(name); ++i) {
    X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
    int nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(e));
    unsigned char* utf8 = nullptr;
    int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(e));
    if (len < 0) continue;
    std::string value(reinterpret_cast<char*>(utf8), static_cast<size_t>(len));
    OPENSSL_free(utf8);
    if (nid == NID_commonName) out.common_name = value;
    if (nid == NID_organizationName) out.organizations.push_back(value);
  }
  X509_free(cert);
  return out;
}

// Accept any client certificate during the handshake; whether it authenticates is decided
// per request from the verification result, as kube-apiserver does (401, not a TLS alert).
int accept_any(int, X509_STORE_CTX*) { return 1; }

bool load_pem_cert(SSL_CTX& ctx, const std::string& cert_pem, const std::string& key_pem) {
  BIO* cb = BIO_new_mem_buf(cert_pem.data(), static_cast<int>(cert_pem.size()));
  X509* cert = PEM_read_bio_X509(cb, nullptr, nullptr, nullptr);
  BIO_free(cb);
  BIO* kb = BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(kb, nullptr, nullptr, nullptr);
  BIO_free(kb);
  bool ok = cert != nullptr && key != nullptr && SSL_CTX_use_certificate(&ctx, cert) == 1 &&
            SSL_CTX_use_PrivateKey(&ctx, key) == 1;
  X509_free(cert);
  EVP_PKEY_free(key);
  return ok;
}

}  // namespace

struct HttpFrontend::Impl {
  Registry& registry;
  AccessControl& access;
  FaultInjector& faults;
  TlsSettings tls;
  std::unique_ptr<httplib::SSLServer> server;
  std::thread thread;
  std::atomic<bool> stopping{false};
  std::atomic<bool> listening_done{false};
  std::string address;

  Impl(Registry& r, AccessControl& a, FaultInjector& f, TlsSettings t)
      : registry(r), access(a), faults(f), tls(std::move(t)) {}

  bool setup_ssl(SSL_CTX& ctx) {
    SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
    if (!load_pem_cert(ctx, tls.cert_pem, tls.key_pem)) return false;
    X509_STORE* store = SSL_CTX_get_cert_store(&ctx);
    STACK_OF(X509_NAME)* names = sk_X509_NAME_new_null();
    for (const auto& pem : tls.client_ca_pems) {
      BIO* b = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
      while (X509* ca = PEM_read_bio_X509(b, nullptr, nullptr, nullptr)) {
        X509_STORE_add_cert(store, ca);
        sk_X509_NAME_push(names, X509_NAME_dup(X509_get_subject_name(ca)));
        X509_free(ca);
      }
      BIO_free(b);
    }
    SSL_CTX_set_client_CA_list(&ctx, names);
    SSL_CTX_set_verify(&ctx, SSL_VERIFY_PEER, accept_any);
    // A session id context lets clients resume TLS sessions, as kube-apiserver (Go) does.
    // Without one OpenSSL aborts every resumed handshake once it verifies client certificates,
    // so a client that caches sessions (nghttpx in front of this server) cannot reconnect.
    static constexpr unsigned char kSessionContext[] = "kraft-test-apiserver";
    SSL_CTX_set_session_id_context(&ctx, kSessionContext, sizeof kSessionContext - 1);
    return true;
  }

  ApiRequest to_api_request(const httplib::Request& req) {
    ApiRequest out;
    out.method = req.method;
    out.path = req.path;
    for (const auto& [k, v] : req.params) out.query[k] = v;
    for (const auto& [k, v] : req.headers) out.headers[lower(k)] = v;
    out.body = req.body;
    return out;
  }

  static void write(const ApiResponse& r, httplib::Response& res) {
    res.status = r.status;
    for (const auto& w : r.warnings) res.set_header("Warning", w);
    for (const auto& [k, v] : r.headers) res.set_header(k, v);
    res.set_content(r.body, r.content_type);
  }

  ApiResponse discovery(const ApiRequest& req, bool& handled) {
    handled = true;
    const std::string& p = req.path;
    const auto& types = registry.types();
    if (p == "/version" || p == "/version/") return ApiResponse::json(200, version_info());
    if (p == "/healthz" || p == "/livez" || p == "/readyz") {
      ApiResponse r;
      r.content_type = "text/plain; charset=utf-8";
      r.body = "ok";
      return r;
    }
    if (p == "/api" || p == "/api/") return ApiResponse::json(200, types.api_versions(address));
    if (p == "/api/v1" || p == "/api/v1/") {
      return ApiResponse::json(200, types.api_resource_list("", "v1"));
    }
    if (p == "/apis" || p == "/apis/") return ApiResponse::json(200, types.api_group_list());
    if (p == "/openapi/v3" || p == "/openapi/v3/") {
      return ApiResponse::json(200, openapi_v3_index(types));
    }
    if (p.rfind("/openapi/v3/", 0) == 0) {
      auto doc = openapi_v3_document(types, p.substr(12));
      return doc ? ApiResponse::json(200, *doc) : page_not_found();
    }
    if (p.rfind("/openapi/", 0) == 0) return page_not_found();
    if (p.rfind("/apis/", 0) == 0) {
      std::string rest = p.substr(6);
      if (!rest.empty() && rest.back() == '/') rest.pop_back();
      auto slash = rest.find('/');
      if (slash == std::string::npos) {
        if (!types.serves_group(rest)) return page_not_found();
        return ApiResponse::json(200, types.api_group(rest));
      }
      std::string group = rest.substr(0, slash);
      std::string version = rest.substr(slash + 1);
      if (version.find('/') == std::string::npos) {
        if (!types.serves_group_version(group, version)) return page_not_found();
        return ApiResponse::json(200, types.api_resource_list(group, version));
      }
    }
    handled = false;
    return {};
  }

  void handle(const httplib::Request& hreq, httplib::Response& res) {
    ApiRequest req = to_api_request(hreq);
    auto decision = faults.on_request(req.method, req.path);
    if (decision.delay.count() > 0) std::this_thread::sleep_for(decision.delay);
    if (decision.failure) {
      const Fault& f = *decision.failure;
      if (f.kind == Fault::Kind::kDropConnection) {
        // Promise a body and never send it: the client sees the connection close mid-response.
        res.set_content_provider(
            1024, "application/json",
            [](size_t, size_t, httplib::DataSink&) { return false; });
        return;
      }
      ApiResponse r = f.status == 429   ? too_many_requests(f.retry_after_seconds)
                      : f.status == 503 ? service_unavailable("the server is currently unable to "
                                                              "handle the request")
                      : f.status == 500 ? internal_error("injected fault")
                                        : status_response(f.status, "", "injected fault");
      if (f.retry_after_seconds > 0) r.headers["Retry-After"] = std::to_string(f.retry_after_seconds);
      write(r, res);
      return;
    }

    auto user = access.authenticate(req.header("authorization"), peer_certificate(hreq));
    if (!user) {
      write(unauthorized(), res);
      return;
    }
    req.user = *user;

    bool handled = false;
    ApiResponse d = discovery(req, handled);
    if (handled) {
      write(access.may_access_path(req.user, req.path)
                ? d
                : forbidden_path(req.user, lower(req.method), req.path),
            res);
      return;
    }
    ApiResponse not_found;
    auto target = registry.resolve(req.method, req.path, req.query, not_found);
    if (!target) {
      write(not_found, res);
      return;
    }
    if (!access.may_access_resource(req.user, target->verb, target->type->group,
                                    target->subresource.empty()
                                        ? target->type->plural
                                        : target->type->plural + "/" + target->subresource,
                                    target->ns)) {
      write(forbidden_resource(req.user, target->verb, target->type->name(), target->name,
                               target->ns),
            res);
      return;
    }
    if (target->verb == "watch" && !target->refusal) {
      // kube-apiserver never compresses watch streams. cpp-httplib would gzip a chunked
      // application/json response for a client that accepts gzip (kubectl, client-go) and
      // hold events in the compressor until the stream ends; it decides from the request's
      // Accept-Encoding after we return, so drop it. (The Request object itself is not const.)
      const_cast<httplib::Request&>(hreq).headers.erase("Accept-Encoding");
      serve_watch(req, *target, res);
      return;
    }
    write(registry.serve(req, *target), res);
  }

  void serve_watch(const ApiRequest& req, const ResourceRequest& target, httplib::Response& res) {
    ApiResponse error;
    std::shared_ptr<Registry::Watch> watch = registry.open_watch(req, target, error);
    if (!watch) {
      write(error, res);
      return;
    }
    res.status = 200;
    res.set_chunked_content_provider(
        "application/json", [this, watch](size_t, httplib::DataSink& sink) {
          while (!stopping) {
            auto line = watch->next(std::chrono::milliseconds(100));
            if (!line) {
              sink.done();
              return true;
            }
            if (!line->empty()) return sink.write(line->data(), line->size());
            if (!sink.is_writable()) return false;
          }
          return false;
        });
  }
};

HttpFrontend::HttpFrontend(Registry& registry, AccessControl& access, FaultInjector& faults,
                           TlsSettings tls)
    : impl_(std::make_unique<Impl>(registry, access, faults, std::move(tls))) {}

HttpFrontend::~HttpFrontend() { stop(); }

int HttpFrontend::start(const std::string& host, int port) {
  impl_->server = std::make_unique<httplib::SSLServer>(
      [this](SSL_CTX& ctx) { return impl_->setup_ssl(ctx); });
  if (!impl_->server->is_valid()) throw std::runtime_error("test apiserver: TLS setup failed");
  auto& s = *impl_->server;
  // One thread per open connection (cpp-httplib blocks): a watch holds its thread for minutes,
  // and `kubectl wait --all` on 200 objects opens 200 watches at once over HTTP/1.1, which
  // kube-apiserver (watches are outside its max-inflight limits) serves without a queue.
  s.new_task_queue = [] { return new httplib::ThreadPool(512); };
  s.set_keep_alive_max_count(10000);
  s.set_keep_alive_timeout(30);
  s.set_payload_max_length(64 * 1024 * 1024);
  // Go's net/http sets TCP_NODELAY; without it every small response waits ~40 ms for the
  // client's delayed ACK (Nagle), which kubectl and long scenarios feel.
  s.set_tcp_nodelay(true);
  auto handler = [this](const httplib::Request& req, httplib::Response& res) {
    impl_->handle(req, res);
    // kube-apiserver compresses with gzip only, and only bodies of 128 KiB or more
    // (APIResponseCompression). cpp-httplib picks the encoding from the request's header
    // after this handler returns, and would otherwise choose brotli, which costs seconds on a
    // 10 MB list and would make every timing against this server meaningless.
    auto& headers = const_cast<httplib::Request&>(req).headers;
    auto accept = headers.find("Accept-Encoding");
    if (accept == headers.end()) return;
    const bool gzip = accept->second.find("gzip") != std::string::npos;
    headers.erase("Accept-Encoding");
    if (gzip && res.body.size() >= 128 * 1024) headers.emplace("Accept-Encoding", "gzip");
  };
  s.Get(".*", handler);
  s.Post(".*", handler);
  s.Put(".*", handler);
  s.Patch(".*", handler);
  s.Delete(".*", handler);
  // cpp-httplib answers HEAD with the GET handler and drops the body, as Go's net/http does;
  // OPTIONS reaches the handler too, so resolve() can answer both as kube-apiserver would.
  s.Options(".*", handler);
  int bound = port == 0 ? s.bind_to_any_port(host) : (s.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    throw std::runtime_error("test apiserver: cannot listen on " + host + ":" +
                             std::to_string(port));
  }
  impl_->address = host + ":" + std::to_string(bound);
  impl_->listening_done = false;
  impl_->thread = std::thread([this] {
    impl_->server->listen_after_bind();
    impl_->listening_done = true;
  });
  // cpp-httplib's stop() is a no-op until the accept loop runs, and it offers no readiness
  // notification: wait for it here so that a stop() right after start() cannot be lost.
  while (!impl_->server->is_running() && !impl_->listening_done) std::this_thread::yield();
  return bound;
}

void HttpFrontend::stop() {
  if (!impl_->server) return;
  impl_->stopping = true;
  impl_->server->stop();
  if (impl_->thread.joinable()) impl_->thread.join();
  impl_->server.reset();
}

}  // namespace kraft::testing
