#pragma once
// Bearer token files (kubeconfig tokenFile, the in-cluster service account token): one reader
// so every caller trims alike, as client-go's transport.NewCachedFileTokenSource does.
#include <string>

namespace kraft::config {

/// The token in `path`, trailing whitespace (spaces, tabs, CR, LF) removed: editors and
/// `echo` leave a newline that must not reach the Authorization header. Throws ConfigError
/// "cannot read WHAT PATH: REASON" when it cannot be read; `what` says whose file it is.
std::string read_token_file(const std::string& path, const std::string& what = "token file");

}  // namespace kraft::config
