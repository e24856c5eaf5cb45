#pragma once
// Bearer token files (kubeconfig tokenFile, the in-cluster service account token): one reader
// so every caller trims alike, as client-go's transport.NewCachedFileTokenSource does.
#include <string>

namespace kraft::config {

/// The token in `path`, trailing whitespace (spaces, tabs, CR, LF) removed: editors and
/// `echo` leave a newline that must not reach the Authorization header. Throws ConfigError
/// "cannot read WHAT PATH: REASON" when it cannot be read, and "WHAT PATH is larger than 1 MiB;
/// kraft reads at most 1 MiB" past 1 MiB (a token is a few kilobytes; the path may name a
/// device or an endless pipe); `what` says whose file it is.
std::string read_token_file(const std::string& path, const std::string& what = "token file");

}  // namespace kraft::config
