// Lists follow `limit`/`continue` paging transparently (API concepts, "Retrieving large
// results sets in chunks"), like client-go's pager: the pages are joined into one List whose
// resourceVersion is the first page's, the snapshot every page was read from.
#include <kraft/api/client.h>

#include "api/client_state.h"
#include "api/url.h"

namespace kraft::api {

nlohmann::json Client::list(const ResourceInfo& r, const std::string& ns,
                            const ListOptions& options) const {
  const std::string what = "list " + describe(r, ns, "");
  nlohmann::json result;
  nlohmann::json items = nlohmann::json::array();
  std::string token;
  int page_size = options.page_size;
  while (true) {
    Query q;
    q.add("labelSelector", options.label_selector).add("fieldSelector", options.field_selector);
    q.add_if(page_size > 0, "limit", std::to_string(page_size)).add("continue", token);
    nlohmann::json page;
    try {
      page = state_->call(state_->request("GET", resource_path(r, ns) + q.str()), what,
                          options.drop_managed_fields);
    } catch (const ApiError& e) {
      // A continue token expires with the compacted history (410 Expired). client-go's pager
      // then reads everything in one request; so do we, from scratch.
      if (!e.is_gone() || token.empty()) throw;
      result = nlohmann::json();
      items = nlohmann::json::array();
      token.clear();
      page_size = 0;
      continue;
    }
    if (result.is_null()) {
      result = {{"apiVersion", page.value("apiVersion", r.api_version())},
                {"kind", page.value("kind", r.kind + "List")},
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
    token.clear();
    if (auto meta = page.find("metadata"); meta != page.end() && meta->is_object()) {
      token = meta->value("continue", "");
    }
    if (token.empty()) break;
  }
  result["items"] = std::move(items);
  return result;
}

}  // namespace kraft::api
