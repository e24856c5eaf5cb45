#pragma once
// The HTTP transport interface and its options. The curl implementation (libkraft/http/) is
// the only code that knows libcurl; tests may substitute a scripted fake.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <kraft/core/log.h>
#include <kraft/core/secret.h>
#include <kraft/http/request.h>

namespace kraft::http {

struct TlsOptions {
  std::string ca_pem;            ///< trust anchors; empty: the system store
  std::string client_cert_pem;   ///< client certificate chain
  Secret client_key_pem;         ///< RSA or EC key
  bool insecure_skip_verify = false;
  std::string server_name;       ///< SNI / name to verify instead of the URL's host
};

struct RetryPolicy {
  int max_attempts = 5;  ///< including the first; 1 disables retries
  std::chrono::milliseconds initial_backoff{200};
  std::chrono::milliseconds max_backoff{5000};
  /// Retry-After above this is not waited for: the 429/503 is returned to the caller.
  std::chrono::milliseconds max_retry_after{std::chrono::seconds(30)};
};

/// Client-side rate limit (token bucket). The defaults are kubectl's budget for discovery
/// (cli-runtime's ConfigFlags: 50 QPS, burst 300), its largest: kubectl's other requests get
/// client-go's 5 QPS / burst 10, which makes bulk work (deleting many clusters) crawl. The
/// server's own protection (APF: 429 with Retry-After) is honoured whatever these are.
struct RateLimit {
  double qps = 50.0;  ///< 0 or less: unlimited
  int burst = 300;
};

struct TransportOptions {
  TlsOptions tls;
  std::string proxy_url;
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  std::chrono::milliseconds request_timeout{0};  ///< 0: none (watches)
  /// The most send() reads of one response body (after decompression); a longer answer is a
  /// TransportError naming the limit and the URL. A list of 5,000 clusters is about 10 MB.
  /// stream() bodies are not held: their consumer bounds what it keeps (a watch: one line).
  std::size_t max_body_bytes = std::size_t{512} << 20;
  /// The most connections open to one server at once. An HTTP/2 server (kube-apiserver) gets
  /// one, every request and watch multiplexed over it; over HTTP/1.1 each request or watch in
  /// flight holds one, and requests beyond the bound wait for a free connection.
  std::size_t max_connections_per_host = 16;
  RetryPolicy retry;
  RateLimit rate_limit;
  std::string user_agent = "kraft";
  Logger logger;  ///< -v: 6 method/URL/status/latency, 7 headers, 8 bodies (redacted)
};

/// Receives a streamed response body chunk by chunk; return false to stop the stream.
using ChunkHandler = std::function<bool(std::string_view chunk)>;

/// Sends requests over shared keep-alive connections (HTTP/2: one, multiplexed). Safe to use
/// from several threads.
class Transport {
 public:
  virtual ~Transport() = default;

  /// Sends a request and reads the whole response, retrying as the policy allows (connection
  /// errors for idempotent requests; 429/503 honouring Retry-After). HTTP errors are returned
  /// as responses; throws TransportError when no response could be had.
  virtual Response send(const Request& request) = 0;

  /// Sends a request whose body is consumed as it arrives (watch). `head` is filled with the
  /// status and headers before the first chunk. Not retried. Returns when the server ends the
  /// stream or `on_chunk` returns false; throws TransportError on connection failure.
  virtual void stream(const Request& request, Response& head, const ChunkHandler& on_chunk) = 0;
};

/// The libcurl (OpenSSL) transport. TLS material is handed to curl from memory.
/// Throws ConfigError for unusable TLS material (e.g. a key that does not parse).
std::shared_ptr<Transport> make_curl_transport(TransportOptions options);

/// Masks secrets in a header value for logs: Authorization → "Bearer <redacted>".
std::string redact_header(std::string_view name, std::string_view value);

}  // namespace kraft::http
