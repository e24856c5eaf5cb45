// ApiError::from_response on any status code, headers and body: it returns an ApiError (it
// never throws, crashes or leaks) whose message is one printable line whatever the server sent.
//
// Input: an HTTP answer as text, so that seeds are readable and a body is the input's tail:
//   STATUS\n  (any integer; anything else reads as 0)
//   Name: value\n ... (header lines, up to an empty line)
//   \n
//   BODY
#include <kraft/api/errors.h>
#include <kraft/http/request.h>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"

namespace {

// The next line of `in` without its '\n' (all of the rest when there is none).
std::string_view next_line(std::string_view& in) {
  const std::size_t end = in.find('\n');
  const std::string_view line = in.substr(0, end);
  in.remove_prefix(end == std::string_view::npos ? in.size() : end + 1);
  return line;
}

kraft::http::Response response_from(std::string_view in) {
  kraft::http::Response response;
  const std::string_view status = next_line(in);
  std::from_chars(status.data(), status.data() + status.size(), response.status);
  while (!in.empty()) {
    const std::string_view line = next_line(in);
    if (line.empty()) break;
    const std::size_t colon = line.find(':');
    const std::string_view name = line.substr(0, colon);
    std::string_view value = colon == std::string_view::npos ? "" : line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    response.headers.emplace_back(name, value);
  }
  response.body = in;
  return response;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const auto response = response_from(std::string_view(reinterpret_cast<const char*>(data), size));
  const auto error = kraft::api::ApiError::from_response(response, "get clusters.k3k.io demo");
  kraft::fuzz::check_message(error.what(), "ApiError's message is not one printable line");
  // The questions callers ask must agree with the code the error carries.
  if (error.is_not_found() != (error.code() == 404)) kraft::fuzz::fail("is_not_found disagrees");
  if (error.is_not_found() != (error.exit_code() == kraft::ExitCode::kNotFound)) {
    kraft::fuzz::fail("a 404 must exit with kNotFound, anything else not");
  }
  return 0;
}
