#include "registry.h"

#include "metrics_api.h"
#include "registry_impl.h"
#include "status.h"

namespace kraft::testing {

namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

}  // namespace

Registry::Impl::Impl(std::shared_ptr<const ResourceTypes> t, RegistryOptions o)
    : types(std::move(t)), options(o) {}

Registry::Registry(std::shared_ptr<const ResourceTypes> types, RegistryOptions options)
    : impl_(std::make_unique<Impl>(types, options)), types_(std::move(types)) {
  impl_->controller = std::thread([this] { impl_->controller_loop(); });
}

Registry::~Registry() {
  {
    std::lock_guard lock(impl_->task_mu);
    impl_->stopping = true;
  }
  impl_->task_cv.notify_all();
  {
    std::lock_guard lock(impl_->mu);
  }
  impl_->changed.notify_all();
  impl_->controller.join();
}

std::optional<ResourceRequest> Registry::resolve(const std::string& method,
                                                 const std::string& path,
                                                 const std::map<std::string, std::string>& query,
                                                 ApiResponse& not_found_response) const {
  auto segs = split_path(path);
  std::string group;
  std::string version;
  size_t i = 0;
  not_found_response = page_not_found();
  if (segs.size() >= 2 && segs[0] == "api") {
    version = segs[1];
    i = 2;
    if (version != "v1") return std::nullopt;
  } else if (segs.size() >= 3 && segs[0] == "apis") {
    group = segs[1];
    version = segs[2];
    i = 3;
  } else {
    return std::nullopt;
  }
  if (!types_->serves_group_version(group, version)) return std::nullopt;
  std::vector<std::string> rest(segs.begin() + static_cast<long>(i), segs.end());
  if (rest.empty()) return std::nullopt;

  ResourceRequest r;
  std::string plural;
  // /namespaces/NS/PLURAL[/NAME[/SUB]] addresses namespaced objects; /namespaces[/NAME[/SUB]]
  // addresses namespaces themselves.
  if (rest[0] == "namespaces" && rest.size() >= 3 && rest[2] != "status" && rest[2] != "finalize") {
    r.ns = rest[1];
    plural = rest[2];
    if (rest.size() >= 4) r.name = rest[3];
    if (rest.size() >= 5) r.subresource = rest[4];
    if (rest.size() > 5) return std::nullopt;
  } else {
    plural = rest[0];
    if (rest.size() >= 2) r.name = rest[1];
    if (rest.size() >= 3) r.subresource = rest[2];
    if (rest.size() > 3) return std::nullopt;
  }
  r.type = types_->find(group, version, plural);
  if (r.type == nullptr) {
    // The core group answers a JSON Status; CRD and other groups fall through to the mux's 404.
    if (group.empty()) not_found_response = resource_not_found();
    return std::nullopt;
  }
  if (!r.type->namespaced && !r.ns.empty()) return std::nullopt;
  if (!r.subresource.empty() && !(r.subresource == "status" && r.type->has_status) &&
      !(r.subresource == "finalize" && r.type->kind == "Namespace")) {
    if (group.empty()) not_found_response = resource_not_found();
    return std::nullopt;
  }
  bool collection = r.name.empty();
  auto param = [&](const char* k) {
    auto it = query.find(k);
    return it == query.end() ? std::string() : it->second;
  };
  std::string watch = param("watch");
  if (method == "GET" || method == "HEAD") {
    r.verb = collection ? ((watch == "1" || watch == "true") ? "watch" : "list") : "get";
    // HEAD is never a stream (there is no body to carry it).
    if (method == "HEAD" && r.verb == "watch") r.verb = "list";
  } else if (method == "POST") {
    r.verb = "create";
    if (!collection) return std::nullopt;
  } else if (method == "PUT") {
    r.verb = "update";
  } else if (method == "PATCH") {
    r.verb = "patch";
  } else if (method == "DELETE") {
    r.verb = collection ? "deletecollection" : "delete";
  } else if (method == "OPTIONS") {
    r.verb = "";  // RequestInfo has no verb for other methods
  } else {
    return std::nullopt;
  }
  // Built-in resources are go-restful routes: a method without a route there is a 405.
  // Custom resources go through the apiextensions crdHandler, which dispatches on the
  // RequestInfo verb instead: HEAD is a GET (net/http drops the body), an unknown verb is
  // MethodNotSupported, and an update or patch without a name fails on the missing name.
  const bool go_restful = !r.type->is_crd;
  if (method == "OPTIONS") {
    r.refusal = go_restful ? method_not_allowed() : method_not_supported("", r.type->name());
  } else if (method == "HEAD" && go_restful) {
    r.refusal = method_not_allowed();
  } else if ((r.verb == "update" || r.verb == "patch") && collection) {
    r.refusal = go_restful ? method_not_allowed() : bad_request("name must be provided");
  } else if (r.subresource == "finalize" && r.verb != "update") {
    r.refusal = method_not_allowed();  // namespaces/NAME/finalize is PUT only
  } else if (r.type->group == kMetricsGroup && r.verb != "get" && r.verb != "list") {
    // metrics-server's storage is a Getter and Lister only: no routes for the other methods,
    // and a list asking to watch is refused by the list handler.
    r.refusal =
        r.verb == "watch" ? method_not_supported("watch", r.type->name()) : method_not_allowed();
  } else if (r.verb == "deletecollection" &&
             (r.type->kind == "Namespace" || (go_restful && r.type->namespaced && r.ns.empty()))) {
    // The namespace storage has no DeleteCollection; built-in namespaced resources have no
    // cluster-wide DELETE route.
    r.refusal = method_not_allowed();
  }
  return r;
}

ApiResponse Registry::serve(const ApiRequest& request, const ResourceRequest& target) {
  if (target.refusal) return *target.refusal;
  std::unique_lock lock(impl_->mu);
  if (target.type->group == kMetricsGroup) {
    return serve_metrics(impl_->store, request, target, impl_->now());
  }
  const std::string& v = target.verb;
  if (v == "get") return impl_->get(request, target);
  if (v == "list") return impl_->list(request, target, &lock);
  if (v == "create") return impl_->create(request, target);
  if (v == "update") return impl_->update(request, target);
  if (v == "patch") return impl_->patch(request, target);
  if (v == "delete") return impl_->remove(request, target);
  if (v == "deletecollection") return impl_->remove_collection(request, target);
  return method_not_supported(v, target.type->name());
}

ApiResponse Registry::call(const std::string& method, const std::string& path,
                           const std::string& body, const std::string& content_type,
                           const std::string& manager) {
  ApiRequest req;
  req.method = method;
  auto q = path.find('?');
  req.path = path.substr(0, q);
  if (q != std::string::npos) {
    std::string qs = path.substr(q + 1);
    size_t i = 0;
    while (i <= qs.size()) {
      size_t j = qs.find('&', i);
      if (j == std::string::npos) j = qs.size();
      std::string kv = qs.substr(i, j - i);
      auto eq = kv.find('=');
      if (!kv.empty()) req.query[kv.substr(0, eq)] = eq == std::string::npos ? "" : kv.substr(eq + 1);
      i = j + 1;
    }
  }
  req.body = body;
  req.headers["content-type"] = content_type;
  req.headers["user-agent"] = manager + "/v0.0.0";
  req.user = UserInfo{"system:serviceaccount:kube-system:" + manager, {"system:masters"}};
  ApiResponse not_found;
  auto target = resolve(method, req.path, req.query, not_found);
  if (!target) return not_found;
  return serve(req, *target);
}

std::optional<nlohmann::json> Registry::get(const std::string& type_id, const std::string& ns,
                                            const std::string& name) {
  std::lock_guard lock(impl_->mu);
  const json* o = impl_->store.get(type_id, ns, name);
  if (o == nullptr) return std::nullopt;
  return *o;
}

int Registry::add_hook(EventHook hook) {
  std::lock_guard lock(impl_->task_mu);
  int id = impl_->next_hook_id++;
  impl_->hooks[id] = std::move(hook);
  return id;
}

void Registry::remove_hook(int id) {
  std::lock_guard lock(impl_->task_mu);
  impl_->hooks.erase(id);
}

void Registry::schedule(std::chrono::milliseconds delay, std::function<void()> task) {
  impl_->enqueue_task(delay, std::move(task));
}

void Registry::compact() {
  std::lock_guard lock(impl_->mu);
  impl_->store.compact(impl_->store.current_rv());
  impl_->changed.notify_all();
}

int64_t Registry::current_rv() {
  std::lock_guard lock(impl_->mu);
  return impl_->store.current_rv();
}

// --- storage helpers ---

json Registry::Impl::commit_put(const ResourceType& type, json object, bool created) {
  object["metadata"]["resourceVersion"] = std::to_string(store.next_rv());
  store.put(type.id(), object, created);
  {
    std::lock_guard lock(task_mu);
    undelivered.push_back(store.history().back());
  }
  task_cv.notify_all();
  changed.notify_all();
  return object;
}

void Registry::Impl::commit_erase(const ResourceType& type, json last_state) {
  last_state["metadata"]["resourceVersion"] = std::to_string(store.next_rv());
  store.erase(type.id(), last_state);
  {
    std::lock_guard lock(task_mu);
    undelivered.push_back(store.history().back());
  }
  task_cv.notify_all();
  changed.notify_all();
}

const json* Registry::Impl::find(const ResourceType& type, const std::string& ns,
                                 const std::string& name) {
  return store.get(type.id(), type.namespaced ? ns : "", name);
}

std::optional<ApiResponse> Registry::Impl::check_namespace_accepts(const ResourceType& type,
                                                                   const std::string& ns,
                                                                   const std::string& name) {
  if (!type.namespaced) return std::nullopt;
  const json* namespace_object = store.get("namespaces", "", ns);
  if (namespace_object == nullptr) return not_found(ResourceName{"namespaces", ""}, ns);
  if ((*namespace_object)["metadata"].contains("deletionTimestamp")) {
    json details = {{"name", name},
                    {"group", type.group},
                    {"kind", type.plural},
                    {"causes", json::array({{{"reason", "NamespaceTerminating"},
                                              {"message", "namespace " + ns +
                                                              " is being terminated"},
                                              {"field", "metadata.namespace"}}})}};
    if (type.group.empty()) details.erase("group");
    return status_response(403, "Forbidden",
                           type.id() + " \"" + name +
                               "\" is forbidden: unable to create new content in namespace " + ns +
                               " because it is being terminated",
                           details);
  }
  return std::nullopt;
}

}  // namespace kraft::testing
