// Lists follow `limit`/`continue` paging transparently (API concepts, "Retrieving large
// results sets in chunks"), like client-go's pager: the pages are joined into one List whose
// resourceVersion is the first page's, the snapshot every page was read from.
//
// Parsing a 500-item page costs about as long as the server takes to produce the next one, so
// the next page is requested while this one is parsed: its continue token is found by a cheap
// scan of the raw body, and the parsed token decides whether that speculative answer is used.
#include <kraft/api/client.h>
#include <kraft/api/json_view.h>

#include <future>

#include "api/client_state.h"
#include "api/url.h"

namespace kraft::api {
namespace {

// The value of the last "continue":"..." in `body` (tokens are base64: no escapes), or "".
// Only a guess: the parsed metadata.continue is the truth.
std::string guess_continue(const std::string& body) {
  static const std::string key = "\"continue\":\"";
  const auto at = body.rfind(key);
  if (at == std::string::npos) return "";
  const auto start = at + key.size();
  const auto end = body.find('"', start);
  return end == std::string::npos ? "" : body.substr(start, end - start);
}

constexpr const char* kMetadataListAccept =
    "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

}  // namespace

nlohmann::json Client::list(const ResourceInfo& r, const std::string& ns,
                            const ListOptions& options) const {
  const std::string what = "list " + describe(r, ns, "");
  const ObjectRef object{r.qualified_name(), r.namespaced ? ns : "", ""};
  nlohmann::json result;
  nlohmann::json items = nlohmann::json::array();
  std::string token;
  int page_size = options.page_size;
  auto page_request = [&](const std::string& continue_token) {
    Query q;
    q.add("labelSelector", options.label_selector).add("fieldSelector", options.field_selector);
    q.add_if(page_size > 0, "limit", std::to_string(page_size)).add("continue", continue_token);
    http::Request request = state_->request("GET", resource_path(r, ns) + q.str());
    if (options.metadata_only) {
      // client-go's metadata client offers the same fallback: whole objects are fine too.
      for (auto& [name, value] : request.headers) {
        if (name == "Accept") value = kMetadataListAccept;
      }
    }
    return request;
  };
  // The speculative request for the page after this one, and the token it was made with.
  std::future<http::Response> ahead;
  std::string ahead_token;
  auto drop_ahead = [&] {
    if (!ahead.valid()) return;
    try {
      ahead.get();  // its outcome, even an error, no longer matters
    } catch (...) {  // NOLINT(bugprone-empty-catch)
    }
  };
  while (true) {
    nlohmann::json page;
    try {
      http::Response response;
      if (ahead.valid() && ahead_token == token) {
        response = ahead.get();
      } else {
        drop_ahead();
        response = state_->send(page_request(token));
      }
      if (response.status >= 400 || response.status < 200) {
        state_->api_error(response, what, object).raise();
      }
      if (std::string next = guess_continue(response.body); !next.empty()) {
        ahead_token = next;
        ahead = std::async(std::launch::async,
                           [state = state_, request = page_request(next)] {
                             return state->send(request);
                           });
      }
      page = parse_object(response.body, what, state_->config.server, options.drop_managed_fields);
    } catch (const ApiError& e) {
      drop_ahead();
      // A continue token expires with the compacted history (410 Expired). client-go's pager
      // then reads everything in one request; so do we, from scratch.
      if (!e.is_gone() || token.empty()) throw;
      result = nlohmann::json();
      items = nlohmann::json::array();
      token.clear();
      page_size = 0;
      continue;
    } catch (...) {
      drop_ahead();
      throw;
    }
    if (result.is_null()) {
      const std::string_view api_version = string_at(page, "apiVersion");
      const std::string_view kind = string_at(page, "kind");
      result = {{"apiVersion", api_version.empty() ? r.api_version() : std::string(api_version)},
                {"kind", kind.empty() ? r.kind + "List" : std::string(kind)},
                {"metadata", nlohmann::json::object()}};
      auto meta = page.find("metadata");
      if (meta != page.end() && meta->is_object() && meta->contains("resourceVersion")) {
        result["metadata"]["resourceVersion"] = (*meta)["resourceVersion"];
      }
    }
    if (auto it = page.find("items"); it != page.end() && it->is_array()) {
      for (auto& item : *it) {
        // Items of a List come without apiVersion and kind; callers that hand an item on
        // (to a printer, to replace()) need them, as kubectl fills them in.
        if (item.is_object() && !item.contains("kind")) {
          item["apiVersion"] = r.api_version();
          item["kind"] = r.kind;
        }
        items.push_back(std::move(item));
      }
    }
    token = std::string(metadata_string(page, "continue"));
    if (token.empty()) break;
  }
  drop_ahead();  // a guess past the last page
  result["items"] = std::move(items);
  return result;
}

}  // namespace kraft::api
