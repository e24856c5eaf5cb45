#include "describe_text.h"

#include <kraft/core/text.h>

#include <fmt/format.h>
#include <kraft/api/json_view.h>
#include <kraft/k3k/names.h>

#include "age.h"
#include "table.h"

namespace kraft::cli {
namespace {

using api::child;
using api::element;
using api::int_at;
using api::string_at;
using nlohmann::json;

constexpr std::size_t kKeyWidth = 14;  // "Persistence:" and two spaces

// Every value may come from the server: control characters are escaped (sanitize_text), so
// a hostile object cannot move the cursor or retitle the terminal.
void field(std::string& out, std::string_view key, std::string_view value) {
  fmt::format_to(std::back_inserter(out), "{:<{}}{}\n", fmt::format("{}:", key), kKeyWidth,
                 sanitize_text(value, 0));
}

// Several values: the first beside the key, the rest aligned under it (kubectl's Labels).
void multi_field(std::string& out, std::string_view key, const std::vector<std::string>& values) {
  if (values.empty()) return field(out, key, "<none>");
  field(out, key, values.front());
  for (std::size_t i = 1; i < values.size(); ++i) {
    out.append(kKeyWidth, ' ');
    out += sanitize_text(values[i], 0) + "\n";
  }
}

// A section with an indented table, or "Key:  <none>".
void section(std::string& out, std::string_view key, const Table& table, bool headers = true) {
  if (table.rows() == 0) return field(out, key, "<none>");
  out += std::string(key) + ":\n";
  table.render(out, !headers, "  ");
}

// A message (an event's, a condition's) on one line: line breaks become spaces, as kubectl
// shows them, other control characters are escaped; whole (describe shows all of it).
std::string one_line(std::string_view text) {
  std::string line(text);
  for (auto& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return sanitize_text(line, 0);
}

std::vector<std::string> labels(const json& metadata) {
  std::vector<std::string> out;
  if (const json* l = child(&metadata, "labels"); l != nullptr && l->is_object()) {
    for (const auto& [key, value] : l->items()) {
      out.push_back(key + "=" + (value.is_string() ? value.get<std::string>() : value.dump()));
    }
  }
  return out;
}

std::string status_text(const k3k::Cluster& c) {
  std::string text(k3k::to_string(c.phase()));
  if (auto ready = c.ready_condition(); ready && !ready->reason.empty()) {
    text += " (" + ready->reason;
    if (!ready->message.empty()) text += ": " + one_line(ready->message);
    text += ")";
  }
  return text;
}

std::string version_text(const k3k::Cluster& c) {
  if (c.spec.version && !c.spec.version->empty()) return *c.spec.version;
  if (c.status && c.status->host_version && !c.status->host_version->empty()) {
    return "<default> (the host's " + *c.status->host_version + ")";
  }
  return "<default>";
}

std::string persistence_text(const k3k::Cluster& c) {
  const auto& p = c.spec.persistence;
  if (!p) return "<none> (emptyDir: the data is lost when the server restarts)";
  const std::string type = p->type.value_or("dynamic");
  if (type != "dynamic") return type;
  return fmt::format("dynamic, {}, storage class {}",
                     p->storage_request_size ? p->storage_request_size->str() : "2G",
                     p->storage_class_name.value_or("<default>"));
}

std::string expose_text(const k3k::ClusterDetails& d) {
  const auto& e = d.cluster.spec.expose;
  auto port = [](const std::optional<std::int32_t>& p) {
    return p ? fmt::format(" (server port {})", *p) : std::string();
  };
  if (e && e->node_port) return "nodePort" + port(e->node_port->server_port);
  if (e && e->load_balancer) return "loadBalancer" + port(e->load_balancer->server_port);
  if (e && e->ingress) {
    const auto& cls = e->ingress->ingress_class_name;
    return cls ? "ingress (class " + *cls + ")" : std::string("ingress");
  }
  if (d.traefik_route) return "traefik (IngressRouteTCP, TLS passthrough)";
  return "ClusterIP (reachable inside the host cluster only)";
}

std::vector<std::string> tls_sans(const k3k::Cluster& c) {
  if (c.status && c.status->tls_sans && !c.status->tls_sans->empty()) return *c.status->tls_sans;
  return c.spec.tls_sans.value_or(std::vector<std::string>{});
}

Table conditions(const k3k::Cluster& c) {
  Table table({"Type", "Status", "Reason", "Message"});
  if (c.status && c.status->conditions) {
    for (const auto& cond : *c.status->conditions) {
      table.add_row({cond.type, cond.status, cond.reason, one_line(cond.message)});
    }
  }
  return table;
}

// kubectl get svc's PORT(S): 443/TCP, or 443:30443/TCP when a node port is allocated.
std::string service_text(const json& service) {
  const json* spec = child(&service, "spec");
  std::string text(string_at(spec, "type").empty() ? "ClusterIP" : string_at(spec, "type"));
  if (auto ip = string_at(spec, "clusterIP"); !ip.empty()) text += fmt::format(" {}", ip);
  const json* lb = element(child(child(child(&service, "status"), "loadBalancer"), "ingress"), 0);
  if (auto ip = string_at(lb, "ip"); !ip.empty()) text += fmt::format(", external {}", ip);
  if (auto host = string_at(lb, "hostname"); !host.empty())
    text += fmt::format(", external {}", host);
  std::string ports;
  for (std::size_t i = 0; const json* p = element(child(spec, "ports"), i); ++i) {
    if (!ports.empty()) ports += ",";
    ports += std::to_string(int_at(p, "port").value_or(0));
    if (auto node_port = int_at(p, "nodePort")) ports += ":" + std::to_string(*node_port);
    ports += "/" + std::string(string_at(p, "protocol").empty() ? "TCP" : string_at(p, "protocol"));
  }
  if (!ports.empty()) text += ", " + ports;
  return text;
}

Table host_objects(const k3k::ClusterDetails& d) {
  const std::string name = d.cluster.name();
  Table table({"Object", "State"});
  std::string sts = "<none>";
  if (d.server_statefulset) {
    const json* status = child(&*d.server_statefulset, "status");
    sts = fmt::format("{}/{} ready", int_at(status, "readyReplicas").value_or(0),
                      int_at(child(&*d.server_statefulset, "spec"), "replicas").value_or(1));
  }
  table.add_row({"StatefulSet/" + k3k::server_statefulset_name(name), sts});
  table.add_row(
      {"Service/" + k3k::service_name(name), d.service ? service_text(*d.service) : "<none>"});
  if (d.ingress) {
    const json* rule0 = element(child(child(&*d.ingress, "spec"), "rules"), 0);
    std::string host(string_at(rule0, "host"));
    table.add_row(
        {"Ingress/" + k3k::ingress_name(name), host.empty() ? "no host" : "host " + host});
  }
  if (d.traefik_route) {
    const json* route0 = element(child(child(&*d.traefik_route, "spec"), "routes"), 0);
    table.add_row({"IngressRouteTCP/" + k3k::traefik_route_name(name),
                   std::string(string_at(route0, "match"))});
  }
  return table;
}

std::string event_time(const json& e) {
  for (const char* key : {"lastTimestamp", "eventTime"}) {
    if (auto t = string_at(e, key); !t.empty()) return std::string(t);
  }
  return std::string(string_at(child(&e, "metadata"), "creationTimestamp"));
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Table events(const std::vector<json>& list, std::chrono::system_clock::time_point now) {
  Table table({"Last Seen", "Type", "Reason", "Object", "Message"});
  for (const auto& e : list) {
    const json* involved = child(&e, "involvedObject");
    table.add_row(
        {age_since(event_time(e), now), std::string(string_at(e, "type")),
         std::string(string_at(e, "reason")),
         lower(string_at(involved, "kind")) + "/" + std::string(string_at(involved, "name")),
         one_line(string_at(e, "message"))});
  }
  return table;
}

}  // namespace

std::string describe_text(const k3k::ClusterDetails& details,
                          const std::optional<std::string>& server_url,
                          std::chrono::system_clock::time_point now) {
  const k3k::Cluster& c = details.cluster;
  std::string out;
  field(out, "Name", c.name());
  field(out, "Namespace", c.namespace_name());
  multi_field(out, "Labels", labels(c.metadata));
  const std::string created(string_at(c.metadata, "creationTimestamp"));
  field(
      out, "Created",
      created.empty() ? "<unknown>" : fmt::format("{} ({} ago)", created, age_since(created, now)));
  field(out, "Status", status_text(c));
  field(out, "Mode", c.spec.mode.value_or("shared"));
  field(out, "Servers", std::to_string(c.spec.servers.value_or(1)));
  field(out, "Agents", std::to_string(c.spec.agents.value_or(0)));
  field(out, "Version", version_text(c));
  field(out, "Persistence", persistence_text(c));
  field(out, "Expose", expose_text(details));
  field(out, "Server URL", server_url.value_or("<pending>"));
  multi_field(out, "TLS SANs", tls_sans(c));
  field(out, "Policy",
        c.status && c.status->policy_name && !c.status->policy_name->empty()
            ? *c.status->policy_name
            : "<none>");
  section(out, "Conditions", conditions(c));
  section(out, "Host Objects", host_objects(details), false);
  section(out, "Events", events(details.events, now));
  return out;
}

}  // namespace kraft::cli
