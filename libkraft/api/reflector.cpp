// Reflector: list, then watch from the list's resourceVersion; see reflector.h. The watch
// itself (resume after a dropped connection, bookmarks) is Client::watch's; the reflector
// asks it to report 410 Gone instead of relisting, because only the reflector knows what it
// had cached and so which objects vanished while the history was lost.
#include <kraft/api/json_view.h>
#include <kraft/api/reflector.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace kraft::api {

Reflector::Reflector(Client client, const ResourceInfo& resource, ReflectorOptions options)
    : client_(std::move(client)), resource_(resource), options_(std::move(options)) {}

int Reflector::subscribe(Subscriber subscriber) {
  std::lock_guard lock(subscribers_mu_);
  subscribers_[++next_id_] = std::move(subscriber);
  return next_id_;
}

void Reflector::unsubscribe(int id) {
  std::lock_guard lock(subscribers_mu_);
  subscribers_.erase(id);
}

bool Reflector::synced() const {
  std::lock_guard lock(mu_);
  return synced_;
}

std::optional<nlohmann::json> Reflector::get(const std::string& ns, const std::string& name) const {
  std::lock_guard lock(mu_);
  auto it = cache_.find({ns, name});
  if (it == cache_.end()) return std::nullopt;
  return *it->second;
}

std::vector<std::shared_ptr<const nlohmann::json>> Reflector::objects() const {
  std::lock_guard lock(mu_);
  std::vector<std::shared_ptr<const nlohmann::json>> out;
  out.reserve(cache_.size());
  for (const auto& [key, object] : cache_) out.push_back(object);
  return out;
}

std::string Reflector::resource_version() const {
  std::lock_guard lock(mu_);
  return rv_;
}

void Reflector::notify(const WatchEvent& event) {
  std::vector<Subscriber> subscribers;
  {
    std::lock_guard lock(subscribers_mu_);
    for (const auto& [id, s] : subscribers_) subscribers.push_back(s);
  }
  for (const auto& s : subscribers) s(event);
}

namespace {

std::pair<std::string, std::string> key_of(const nlohmann::json& object) {
  return {std::string(metadata_string(object, "namespace")),
          std::string(metadata_string(object, "name"))};
}

}  // namespace

void Reflector::relist() {
  ListOptions list_options;
  list_options.label_selector = options_.label_selector;
  list_options.field_selector = options_.field_selector;
  nlohmann::json list = client_.list(resource_, options_.ns, list_options);
  std::map<Key, std::shared_ptr<const nlohmann::json>> fresh;
  if (auto items = list.find("items"); items != list.end() && items->is_array()) {
    for (auto& item : *items) {
      if (!item.is_object()) continue;
      Key key = key_of(item);
      fresh[key] = std::make_shared<const nlohmann::json>(std::move(item));
    }
  }
  // What changed since the cache was last current: a relist after 410 Gone is the only way to
  // learn of objects deleted while the history was lost.
  std::vector<WatchEvent> changes;
  {
    std::lock_guard lock(mu_);
    for (const auto& [key, object] : fresh) {
      auto old = cache_.find(key);
      if (old == cache_.end()) {
        changes.push_back({"ADDED", object});
      } else if (metadata_string(*old->second, "resourceVersion") !=
                 metadata_string(*object, "resourceVersion")) {
        changes.push_back({"MODIFIED", object});
      }
    }
    for (const auto& [key, object] : cache_) {
      if (!fresh.count(key)) changes.push_back({"DELETED", object});
    }
    cache_ = std::move(fresh);
    rv_ = std::string(metadata_string(list, "resourceVersion"));
    synced_ = true;
  }
  for (const auto& change : changes) notify(change);
}

void Reflector::apply(const WatchEvent& event) {
  {
    std::lock_guard lock(mu_);
    if (std::string_view rv = metadata_string(*event.object, "resourceVersion"); !rv.empty()) {
      rv_ = std::string(rv);
    }
    if (event.type == "BOOKMARK") return;
    Key key = key_of(*event.object);
    if (event.type == "DELETED") {
      cache_.erase(key);
    } else if (event.type == "ADDED" || event.type == "MODIFIED") {
      cache_[key] = event.object;
    } else {
      return;
    }
  }
  notify(event);
}

bool Reflector::run(const std::function<bool()>& done, std::optional<Clock::time_point> until) {
  std::lock_guard running(run_mu_);
  auto expired = [&] { return until && Clock::now() >= *until; };
  if (!synced()) relist();
  while (!done() && !expired()) {
    WatchOptions w;
    w.label_selector = options_.label_selector;
    w.field_selector = options_.field_selector;
    // A server that gave no version to resume from: "0" is "any", never the synthetic
    // ADDED replay that an empty version asks for.
    std::string from = resource_version();
    w.resource_version = from.empty() ? std::string(1, '0') : std::move(from);
    w.bookmarks = true;
    w.relist_on_gone = false;
    if (until) {
      const double left = std::chrono::duration<double>(*until - Clock::now()).count();
      w.timeout_seconds = std::max(1, static_cast<int>(std::ceil(left)));
    }
    try {
      client_.watch(resource_, options_.ns, w, [&](const WatchEvent& event) {
        apply(event);
        return !done() && !expired();
      });
    } catch (const ApiError& e) {
      if (!e.is_gone()) throw;
      relist();
    }
  }
  return done();
}

}  // namespace kraft::api
