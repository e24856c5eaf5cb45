#include "curl_transfer.h"

#include <cctype>
#include <cstdlib>
#include <exception>

#include "curl_handle.h"
#include "curl_library.h"

namespace kraft::http::detail {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
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

// Called once per header line, status line included. A new status line (100 Continue, a
// proxy's or a redirect's response) starts the head afresh. Lines after the body began
// (trailers) are not part of the head, which the caller may be reading by then.
size_t Transfer::on_header(char* data, size_t size, size_t count, void* user) {
  auto* state = static_cast<State*>(user);
  size_t length = size * count;
  if (state->head_complete) return length;  // only this thread writes head_complete
  Response& head = state->head;
  std::string_view line = trim(std::string_view(data, length));
  if (line.substr(0, 5) == "HTTP/") {
    head.headers.clear();
    size_t space = line.find(' ');
    head.status = space == std::string_view::npos
                      ? 0
                      : std::atoi(std::string(line.substr(space + 1)).c_str());
  } else if (size_t colon = line.find(':'); colon != std::string_view::npos) {
    head.headers.emplace_back(std::string(trim(line.substr(0, colon))),
                              std::string(trim(line.substr(colon + 1))));
  }
  return length;
}

size_t Transfer::on_write(char* data, size_t size, size_t count, void* user) {
  auto* state = static_cast<State*>(user);
  size_t length = size * count;
  if (!state->head_complete) {
    long code = 0;
    curl().easy_getinfo(state->easy, CURLINFO_RESPONSE_CODE, &code);
    std::lock_guard lock(state->mu);
    if (code != 0) state->head.status = static_cast<int>(code);
    state->head_complete = true;  // from here the caller may read the head
  }
  if (!state->queue_chunks) {
    try {
      if (!(*state->on_body)(std::string_view(data, length))) {
        // A short count makes curl stop with CURLE_WRITE_ERROR; the caller reports no error.
        state->aborted = true;
        return 0;
      }
    } catch (...) {
      state->error = std::current_exception();  // must not unwind through libcurl's C frames
      return 0;
    }
    return length;
  }
  std::lock_guard lock(state->mu);
  if (state->cancelled) return 0;
  if (!state->chunks.empty() && state->queued_bytes + length > kMaxQueuedBytes) {
    // Not consumed: curl delivers the same bytes again once resumed, and meanwhile reads no
    // more of this transfer (over HTTP/2 it stops granting the stream flow-control window).
    state->paused = true;
    return CURL_WRITEFUNC_PAUSE;
  }
  state->chunks.emplace_back(data, length);
  state->queued_bytes += length;
  state->cv.notify_all();
  return length;
}

Transfer::Transfer(const TransportOptions& options, const Request& request,
                   std::chrono::milliseconds timeout)
    : easy_(make_easy_handle()) {
  CURL* easy = easy_.get();
  // First: it may throw, and nothing may point anywhere yet.
  set_tls(easy, options.tls);
  state_.easy = easy;

  UrlParts url = parse_url(request.url);
  url_ = request.url;
  // tls-server-name: ask for the server by that name (SNI and certificate check, as Go's
  // tls.Config.ServerName does) while connecting to the URL's host. libcurl has no separate
  // SNI option, so the URL names server_name and CURLOPT_CONNECT_TO maps it back; the Host
  // header keeps the URL's authority.
  const std::string& server_name = options.tls.server_name;
  if (!server_name.empty() && server_name != url.host) {
    url_ = replace_host(request.url, server_name);
    connect_to_.append(server_name + ":" + url.port_or_default() + ":" + url.host + ":" +
                       url.port_or_default());
    if (!has_header(request, "Host")) headers_.append("Host: " + url.authority());
  }
  for (const auto& [name, value] : request.headers) headers_.append(name + ": " + value);
  // No "Expect: 100-continue" round trip before bodies: the API server answers at once.
  headers_.append("Expect:");

  curl().easy_setopt(easy, CURLOPT_URL, url_.c_str());
  curl().easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);  // required for threads with timeouts
  curl().easy_setopt(easy, CURLOPT_ERRORBUFFER, state_.error_buffer);
  curl().easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl().easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  // While the first connection to a server is being made, wait to learn whether it speaks
  // HTTP/2 and multiplex over it, rather than open one connection per waiting request.
  curl().easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
  curl().easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl().easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  // gzip only, as client-go asks: it is what kube-apiserver compresses with, and an encoding
  // such as brotli costs far more CPU on a 10 MB list than it saves on the wire.
  curl().easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "gzip");
  curl().easy_setopt(easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
  curl().easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options.connect_timeout.count()));
  // Counted from when the transfer is added, so a wait for a free HTTP/1.1 connection is
  // inside it: the caller's deadline holds whatever the reason for the delay.
  curl().easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  if (!has_header(request, "User-Agent")) {
    curl().easy_setopt(easy, CURLOPT_USERAGENT, options.user_agent.c_str());
  }
  if (!options.proxy_url.empty())
    curl().easy_setopt(easy, CURLOPT_PROXY, options.proxy_url.c_str());
  if (connect_to_.get() != nullptr) {
    curl().easy_setopt(easy, CURLOPT_CONNECT_TO, connect_to_.get());
  }
  curl().easy_setopt(easy, CURLOPT_HTTPHEADER, headers_.get());
  set_method_and_body(easy, request);  // the body is not copied: the request outlives us
  curl().easy_setopt(easy, CURLOPT_HEADERFUNCTION, &Transfer::on_header);
  curl().easy_setopt(easy, CURLOPT_HEADERDATA, &state_);
  curl().easy_setopt(easy, CURLOPT_WRITEFUNCTION, &Transfer::on_write);
  curl().easy_setopt(easy, CURLOPT_WRITEDATA, &state_);
}

void Transfer::start(MultiLoop& loop) {
  loop.add(easy_.get(), [state = &state_](CURLcode code) {
    std::lock_guard lock(state->mu);
    state->done = true;
    state->result = code;
    state->cv.notify_all();
  });
}

void Transfer::wait_done() {
  std::unique_lock lock(state_.mu);
  state_.cv.wait(lock, [&] { return state_.done; });
}

TransferOutcome Transfer::outcome() {
  // The handle has left the multi: this thread may use it again.
  CURL* easy = easy_.get();
  TransferOutcome outcome;
  outcome.code = state_.result;
  outcome.detail = state_.error_buffer;
  if (outcome.detail.empty() && outcome.code != CURLE_OK) {
    outcome.detail = curl().easy_strerror(outcome.code);
  }
  curl().easy_getinfo(easy, CURLINFO_OS_ERRNO, &outcome.os_errno);
  curl_off_t pretransfer = 0;
  curl().easy_getinfo(easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer);
  outcome.sent_request = pretransfer > 0;
  long code = 0;
  curl().easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
  if (code != 0) state_.head.status = static_cast<int>(code);
  return outcome;
}

TransferOutcome Transfer::collect(MultiLoop& loop, Response& response,
                                  const ChunkHandler& on_body) {
  state_.on_body = &on_body;
  start(loop);
  wait_done();
  if (state_.error) std::rethrow_exception(state_.error);
  TransferOutcome result = outcome();
  result.aborted = state_.aborted;
  response.status = state_.head.status;
  response.headers = std::move(state_.head.headers);
  return result;
}

TransferOutcome Transfer::stream(MultiLoop& loop, Response& head, const ChunkHandler& on_chunk) {
  state_.queue_chunks = true;
  start(loop);
  bool head_given = false;
  bool stopped = false;
  std::exception_ptr error;
  while (true) {
    std::string chunk;
    bool resume = false;
    {
      std::unique_lock lock(state_.mu);
      state_.cv.wait(lock, [&] { return !state_.chunks.empty() || state_.done; });
      if (state_.chunks.empty()) break;  // ended, and every chunk delivered
      chunk = std::move(state_.chunks.front());
      state_.chunks.pop_front();
      state_.queued_bytes -= chunk.size();
      if (!head_given) {
        head = state_.head;  // complete: the body has begun
        head_given = true;
      }
      if (state_.paused && state_.queued_bytes <= kMaxQueuedBytes / 2) {
        state_.paused = false;
        resume = true;
      }
    }
    if (resume) loop.resume(easy_.get());
    bool go_on = false;
    try {
      go_on = on_chunk(chunk);
    } catch (...) {
      error = std::current_exception();
    }
    if (!go_on) {
      stopped = true;
      {
        std::lock_guard lock(state_.mu);
        state_.cancelled = true;
      }
      loop.cancel(easy_.get());
      wait_done();
      break;
    }
  }
  if (error) std::rethrow_exception(error);
  TransferOutcome result = outcome();
  result.aborted = stopped;
  if (!head_given) head = state_.head;
  return result;
}

}  // namespace kraft::http::detail
