#include "curl_transfer.h"

#include <cctype>
#include <exception>

#include "curl_handle.h"
#include "curl_library.h"

namespace kraft::http::detail {

namespace {

struct CallbackState {
  CURL* easy = nullptr;
  Response* response = nullptr;
  const ChunkHandler* on_body = nullptr;
  bool head_complete = false;
  bool aborted = false;
  std::exception_ptr error;  // exceptions must not unwind through libcurl's C frames
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Called once per header line, status line included. A new status line (100 Continue, a
// proxy's or a redirect's response) starts the head afresh.
size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* state = static_cast<CallbackState*>(user);
  size_t length = size * count;
  std::string_view line = trim(std::string_view(data, length));
  if (line.substr(0, 5) == "HTTP/") {
    state->response->headers.clear();
    size_t space = line.find(' ');
    state->response->status = space == std::string_view::npos
                                  ? 0
                                  : std::atoi(std::string(line.substr(space + 1)).c_str());
  } else if (size_t colon = line.find(':'); colon != std::string_view::npos) {
    state->response->headers.emplace_back(std::string(trim(line.substr(0, colon))),
                                          std::string(trim(line.substr(colon + 1))));
  }
  return length;
}

size_t on_write(char* data, size_t size, size_t count, void* user) {
  auto* state = static_cast<CallbackState*>(user);
  size_t length = size * count;
  if (!state->head_complete) {
    long code = 0;
    curl().easy_getinfo(state->easy, CURLINFO_RESPONSE_CODE, &code);
    if (code != 0) state->response->status = static_cast<int>(code);
    state->head_complete = true;
  }
  try {
    if (!(*state->on_body)(std::string_view(data, length))) {
      // A short count makes curl stop with CURLE_WRITE_ERROR; the caller reports no error.
      state->aborted = true;
      return 0;
    }
  } catch (...) {
    state->error = std::current_exception();
    return 0;
  }
  return length;
}

bool has_header(const Request& request, std::string_view name) {
  return !header_value(request.headers, std::string(name)).empty();
}

curl_blob blob(const std::string& pem) {
  // CURL_BLOB_COPY: curl keeps its own copy, so the TLS material never touches the disk and
  // our strings need not outlive the transfer.
  return curl_blob{const_cast<char*>(pem.data()), pem.size(), CURL_BLOB_COPY};
}

void set_tls(CURL* easy, const TlsOptions& tls) {
  // No TLS session resumption, as in client-go (its tls.Config has no ClientSessionCache).
  // OpenSSL servers that verify client certificates without a session id context (the test
  // API server among them) abort a resumed handshake with "internal error"; keep-alive makes
  // the saved full handshakes few anyway.
  curl().easy_setopt(easy, CURLOPT_SSL_SESSIONID_CACHE, 0L);
  if (tls.insecure_skip_verify) {
    curl().easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
    curl().easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
  } else {
    curl().easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl().easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
  }
  // The blobs are checked: a library that ignored one would quietly use the system trust
  // store or send no client certificate.
  if (!tls.ca_pem.empty()) {
    // The kubeconfig's CA replaces the system store (as in client-go), so no default
    // bundle or directory may add trust anchors beside it.
    curl_blob ca = blob(tls.ca_pem);
    check_setopt(curl().easy_setopt(easy, CURLOPT_CAINFO_BLOB, &ca), "CURLOPT_CAINFO_BLOB");
    curl().easy_setopt(easy, CURLOPT_CAINFO, nullptr);
    curl().easy_setopt(easy, CURLOPT_CAPATH, nullptr);
  }
  if (!tls.client_cert_pem.empty()) {
    curl_blob cert = blob(tls.client_cert_pem);
    check_setopt(curl().easy_setopt(easy, CURLOPT_SSLCERT_BLOB, &cert), "CURLOPT_SSLCERT_BLOB");
    curl().easy_setopt(easy, CURLOPT_SSLCERTTYPE, "PEM");
  }
  if (!tls.client_key_pem.empty()) {
    curl_blob key = blob(tls.client_key_pem.reveal());
    check_setopt(curl().easy_setopt(easy, CURLOPT_SSLKEY_BLOB, &key), "CURLOPT_SSLKEY_BLOB");
    curl().easy_setopt(easy, CURLOPT_SSLKEYTYPE, "PEM");  // RSA, EC and PKCS#8 alike
  }
}

void set_method_and_body(CURL* easy, const Request& request) {
  if (request.method == "GET") {
    curl().easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  } else if (request.method == "HEAD") {
    curl().easy_setopt(easy, CURLOPT_NOBODY, 1L);
  } else {
    bool has_body = !request.body.empty() || request.method == "POST" || request.method == "PUT" ||
                    request.method == "PATCH";
    if (has_body) {
      // Not copied: the request outlives the transfer.
      curl().easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
      curl().easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
    }
    curl().easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
}

}  // namespace

TransferOutcome run_transfer(CURL* easy, CURLSH* share, const TransportOptions& options,
                             const Request& request, std::chrono::milliseconds timeout,
                             Response& response, const ChunkHandler& on_body) {
  curl().easy_reset(easy);  // keeps live connections and caches, forgets every option
  // First: it may throw, and nothing may point into this frame yet.
  set_tls(easy, options.tls);
  response = Response{};
  CallbackState state;
  state.easy = easy;
  state.response = &response;
  state.on_body = &on_body;
  char error_buffer[CURL_ERROR_SIZE] = {};

  UrlParts url = parse_url(request.url);
  std::string effective_url = request.url;
  Slist headers;
  Slist connect_to;
  // tls-server-name: ask for the server by that name (SNI and certificate check, as Go's
  // tls.Config.ServerName does) while connecting to the URL's host. libcurl has no separate
  // SNI option, so the URL names server_name and CURLOPT_CONNECT_TO maps it back; the Host
  // header keeps the URL's authority.
  const std::string& server_name = options.tls.server_name;
  if (!server_name.empty() && server_name != url.host) {
    effective_url = replace_host(request.url, server_name);
    connect_to.append(server_name + ":" + url.port_or_default() + ":" + url.host + ":" +
                      url.port_or_default());
    if (!has_header(request, "Host")) headers.append("Host: " + url.authority());
  }
  for (const auto& [name, value] : request.headers) headers.append(name + ": " + value);
  // No "Expect: 100-continue" round trip before bodies: the API server answers at once.
  headers.append("Expect:");

  curl().easy_setopt(easy, CURLOPT_URL, effective_url.c_str());
  curl().easy_setopt(easy, CURLOPT_SHARE, share);
  curl().easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);  // required for threads with timeouts
  curl().easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer);
  curl().easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl().easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl().easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl().easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  // gzip only, as client-go asks: it is what kube-apiserver compresses with, and an encoding
  // such as brotli costs far more CPU on a 10 MB list than it saves on the wire.
  curl().easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "gzip");
  curl().easy_setopt(easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
  curl().easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options.connect_timeout.count()));
  curl().easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  if (!has_header(request, "User-Agent")) {
    curl().easy_setopt(easy, CURLOPT_USERAGENT, options.user_agent.c_str());
  }
  if (!options.proxy_url.empty())
    curl().easy_setopt(easy, CURLOPT_PROXY, options.proxy_url.c_str());
  if (connect_to.get() != nullptr) curl().easy_setopt(easy, CURLOPT_CONNECT_TO, connect_to.get());
  curl().easy_setopt(easy, CURLOPT_HTTPHEADER, headers.get());
  set_method_and_body(easy, request);
  curl().easy_setopt(easy, CURLOPT_HEADERFUNCTION, &on_header);
  curl().easy_setopt(easy, CURLOPT_HEADERDATA, &state);
  curl().easy_setopt(easy, CURLOPT_WRITEFUNCTION, &on_write);
  curl().easy_setopt(easy, CURLOPT_WRITEDATA, &state);

  TransferOutcome outcome;
  outcome.code = curl().easy_perform(easy);
  // Clear pointers to this frame's buffers before they go out of scope.
  curl().easy_setopt(easy, CURLOPT_ERRORBUFFER, nullptr);
  curl().easy_setopt(easy, CURLOPT_HTTPHEADER, nullptr);
  curl().easy_setopt(easy, CURLOPT_CONNECT_TO, nullptr);
  if (state.error) std::rethrow_exception(state.error);

  outcome.aborted = state.aborted;
  outcome.detail = error_buffer;
  if (outcome.detail.empty() && outcome.code != CURLE_OK) {
    outcome.detail = curl().easy_strerror(outcome.code);
  }
  curl().easy_getinfo(easy, CURLINFO_OS_ERRNO, &outcome.os_errno);
  curl_off_t pretransfer = 0;
  curl().easy_getinfo(easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer);
  outcome.sent_request = pretransfer > 0;
  long code = 0;
  curl().easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
  if (code != 0) response.status = static_cast<int>(code);
  return outcome;
}

}  // namespace kraft::http::detail
