#pragma once
// `--check`: before kraft hands out a kubeconfig, one request with its new credentials says
// whether it works from this machine, or precisely why not and what to do about it.
#include <kraft/config/kubeconfig.h>
#include <kraft/pki/client_certificate.h>

#include <string>

namespace kraft::cli {

class CommandContext;

/// Tries `issued` (its current context). Returns the line to show when it works
/// ("checked: https://... is reachable; authenticated as system:admin (system:masters)");
/// throws an Error whose message names the failure and the flags that fix it otherwise (exit 4
/// when the server did not answer in time, else 1). `identity`: who the certificate says.
std::string check_kubeconfig(CommandContext& ctx, const config::Kubeconfig& issued,
                             const pki::ClientCertificateRequest& identity);

}  // namespace kraft::cli
