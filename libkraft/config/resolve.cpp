// Resolution of a merged kubeconfig plus command-line overrides into a ClientConfig, after
// client-go's clientcmd/client_config.go (DirectClientConfig) and validation.go:
//  - the context is --context or current-context; --cluster and --user replace the context's;
//    the namespace is --namespace, else the context's, else "default";
//  - --server replaces the cluster's server and clears its tls-server-name (getCluster: a new
//    server makes the kubeconfig's SNI name wrong), but keeps its CA;
//  - --insecure-skip-tls-verify clears the cluster's CA, while a kubeconfig that sets both is
//    rejected ("specifying a root certificates file with the insecure flag is not allowed");
//  - file references are read now, relative to the kubeconfig that names them (already made
//    absolute by the reader), and conflicting or incomplete auth settings are errors.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <kraft/config/errors.h>
#include <kraft/config/loading.h>
#include <kraft/config/token_file.h>
#include <kraft/core/error.h>
#include <kraft/core/text.h>

#include <algorithm>

#include "config/did_you_mean.h"
#include "config/files.h"
#include "config/pem_check.h"

namespace kraft::config {
namespace {

template <class T>
std::vector<std::string> names_of(const std::vector<Named<T>>& entries) {
  std::vector<std::string> names;
  for (const auto& e : entries) names.push_back(e.name);
  return names;
}

std::string in_file(const std::string& source) {
  return source.empty() ? "the kubeconfig" : source;
}

// An entry named by the overrides (their caller knows it) or by `ctx_label`'s context.
EntryNotFoundError entry_not_found(const char* kind, const std::string& name,
                                   const std::string& where, const std::vector<std::string>& names,
                                   bool from_overrides, const std::string& ctx_label) {
  const std::string referrer =
      from_overrides || ctx_label.empty() ? "" : fmt::format("(named by {})", ctx_label);
  return EntryNotFoundError(detail::not_found_message(kind, name, where, names, referrer), kind,
                            name, from_overrides);
}

void resolve_cluster(const ClusterInfo& c, const std::string& label, ClientConfig& out) {
  if (c.server.empty()) throw ConfigError(fmt::format("{} has no server", label));
  if (!c.certificate_authority.empty() && !c.certificate_authority_data.empty()) {
    throw ConfigError(fmt::format(
        "{} sets both certificate-authority and certificate-authority-data; keep one", label));
  }
  if (c.insecure_skip_tls_verify &&
      (!c.certificate_authority.empty() || !c.certificate_authority_data.empty())) {
    throw ConfigError(fmt::format(
        "{} sets both insecure-skip-tls-verify and a certificate authority; keep one", label));
  }
  out.server = c.server;
  // client-go's DefaultServerURL: a bare host:port means https.
  if (out.server.find("://") == std::string::npos) out.server = "https://" + out.server;
  while (out.server.size() > 1 && out.server.back() == '/') out.server.pop_back();
  if (!c.certificate_authority_data.empty()) {
    out.ca_pem = c.certificate_authority_data;
  } else if (!c.certificate_authority.empty()) {
    out.ca_pem = detail::read_file(c.certificate_authority,
                                   fmt::format("certificate-authority of {}:", label));
  }
  if (!out.ca_pem.empty() && !detail::has_certificate_pem(out.ca_pem)) {
    throw ConfigError(fmt::format("{}: certificate authority is not a PEM certificate", label));
  }
  out.insecure_skip_tls_verify = c.insecure_skip_tls_verify;
  out.tls_server_name = c.tls_server_name;
  out.proxy_url = c.proxy_url;
}

void resolve_exec(const ExecConfig& e, const std::string& label) {
  if (e.command.empty()) {
    throw ConfigError(fmt::format("{}: exec needs a command", label));
  }
  if (e.api_version != "client.authentication.k8s.io/v1" &&
      e.api_version != "client.authentication.k8s.io/v1beta1") {
    throw ConfigError(fmt::format(
        "{}: exec apiVersion must be client.authentication.k8s.io/v1 or v1beta1 (got \"{}\")",
        label, e.api_version));
  }
  const std::string& mode = e.interactive_mode;
  if (mode.empty() && e.api_version == "client.authentication.k8s.io/v1") {
    throw ConfigError(
        fmt::format("{}: exec interactiveMode must be set for apiVersion "
                    "client.authentication.k8s.io/v1 (Never, IfAvailable or Always)",
                    label));
  }
  if (!mode.empty() && mode != "Never" && mode != "IfAvailable" && mode != "Always") {
    throw ConfigError(fmt::format(
        "{}: exec interactiveMode \"{}\" is not one of Never, IfAvailable, Always", label, mode));
  }
}

void resolve_user(const AuthInfo& u, const std::string& label, ClientConfig& out) {
  const bool has_cert = !u.client_certificate.empty() || !u.client_certificate_data.empty();
  const bool has_key = !u.client_key.empty() || !u.client_key_data.empty();
  if (!u.client_certificate.empty() && !u.client_certificate_data.empty()) {
    throw ConfigError(fmt::format(
        "{} sets both client-certificate and client-certificate-data; keep one", label));
  }
  if (!u.client_key.empty() && !u.client_key_data.empty()) {
    throw ConfigError(fmt::format("{} sets both client-key and client-key-data; keep one", label));
  }
  if (has_cert != has_key) {
    throw ConfigError(fmt::format("{} sets a client {} without a client {}", label,
                                  has_cert ? "certificate" : "key",
                                  has_cert ? "key" : "certificate"));
  }
  if (has_cert) {
    out.client_cert_pem = !u.client_certificate_data.empty()
                              ? u.client_certificate_data
                              : detail::read_file(u.client_certificate,
                                                  fmt::format("client-certificate of {}:", label));
    if (!detail::has_certificate_pem(out.client_cert_pem)) {
      throw ConfigError(fmt::format("{}: client certificate is not a PEM certificate", label));
    }
    out.client_key_pem =
        !u.client_key_data.empty()
            ? u.client_key_data
            : Secret(detail::read_file(u.client_key, fmt::format("client-key of {}:", label)));
    if (!detail::is_private_key_pem(out.client_key_pem.reveal())) {
      throw ConfigError(
          fmt::format("{}: client key is not an unencrypted PEM private key (RSA or EC)", label));
    }
  }
  const bool has_token = !u.token.empty() || !u.token_file.empty();
  const bool has_basic = !u.username.empty() || !u.password.empty();
  if (has_token && has_basic) {
    throw ConfigError(
        fmt::format("{} sets more than one authentication method (token and username/password); "
                    "only one is allowed",
                    label));
  }
  out.token = u.token;
  out.token_file = u.token_file;
  // As in clientcmd: a token wins over tokenFile for now, but the file is kept for re-reading.
  if (out.token.empty() && !u.token_file.empty()) {
    out.token = Secret(read_token_file(u.token_file, fmt::format("tokenFile of {}:", label)));
  }
  out.username = u.username;
  out.password = u.password;
  if (u.exec) {
    resolve_exec(*u.exec, label);
    out.exec = *u.exec;
    if (out.exec->interactive_mode.empty()) out.exec->interactive_mode = "IfAvailable";
  }
}

ClientConfig resolve_entries(const Kubeconfig& config, const Overrides& overrides) {
  ClientConfig out;
  const std::string where = in_file(config.source);
  out.context = overrides.context.value_or(config.current_context);
  const Named<ContextInfo>* ctx = nullptr;
  if (!out.context.empty()) {
    ctx = config.find_context(out.context);
    if (ctx == nullptr) {
      throw entry_not_found("context", out.context, where, names_of(config.contexts),
                            overrides.context.has_value(), "");
    }
  } else if (!overrides.cluster && !overrides.server) {
    const auto names = names_of(config.contexts);
    throw NoContextError(fmt::format(
        "no context selected in {}: current-context is not set and no context was chosen ({})",
        where,
        names.empty() ? "no contexts" : fmt::format("contexts: {}", fmt::join(names, ", "))));
  }
  const std::string ctx_label =
      ctx ? fmt::format("context \"{}\" in {}", ctx->name, in_file(ctx->source)) : "";
  out.source = ctx ? ctx->source : config.source;

  out.cluster_name = overrides.cluster.value_or(ctx ? ctx->value.cluster : "");
  out.user_name = overrides.user.value_or(ctx ? ctx->value.user : "");
  if (overrides.ns && !overrides.ns->empty()) {
    out.ns = *overrides.ns;
  } else if (ctx && !ctx->value.ns.empty()) {
    out.ns = ctx->value.ns;
  }

  ClusterInfo cluster;
  std::string cluster_label = "the command line";
  if (!out.cluster_name.empty()) {
    const auto* found = config.find_cluster(out.cluster_name);
    if (found == nullptr) {
      throw entry_not_found("cluster", out.cluster_name, where, names_of(config.clusters),
                            overrides.cluster.has_value(), ctx_label);
    }
    cluster = found->value;
    cluster_label = fmt::format("cluster \"{}\" in {}", found->name, in_file(found->source));
  } else if (!overrides.server) {
    throw ConfigError(fmt::format("{} names no cluster", ctx_label));
  }
  if (overrides.server) {
    cluster.server = *overrides.server;
    cluster.tls_server_name.clear();
  }
  if (overrides.insecure_skip_tls_verify) {
    cluster.insecure_skip_tls_verify = true;
    cluster.certificate_authority.clear();
    cluster.certificate_authority_data.clear();
  }
  resolve_cluster(cluster, cluster_label, out);

  if (!out.user_name.empty()) {
    const auto* found = config.find_user(out.user_name);
    if (found == nullptr) {
      throw entry_not_found("user", out.user_name, where, names_of(config.users),
                            overrides.user.has_value(), ctx_label);
    }
    resolve_user(found->value,
                 fmt::format("user \"{}\" in {}", found->name, in_file(found->source)), out);
  }
  if (overrides.request_timeout) out.request_timeout = *overrides.request_timeout;
  return out;
}

}  // namespace

ClientConfig resolve(const Kubeconfig& config, const Overrides& overrides) {
  try {
    return resolve_entries(config, overrides);
  } catch (const EntryNotFoundError& e) {
    // The messages quote the kubeconfig's names and values, which a downloaded file can fill
    // with terminal escapes or line breaks: escaped here, once for every message above (not
    // cut: a list of context names and the suggestion after it are worth their length), and
    // thrown again as the class they were.
    throw EntryNotFoundError(sanitize_text(e.what(), 0), e.kind(), e.name(), e.from_overrides());
  } catch (const NoContextError& e) {
    throw NoContextError(sanitize_text(e.what(), 0), e.exit_code());
  } catch (const ConfigError& e) {
    throw ConfigError(sanitize_text(e.what(), 0), e.exit_code());
  }
}

}  // namespace kraft::config
