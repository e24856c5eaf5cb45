#pragma once
// Fixtures for the config tests: a temporary directory that cleans up after itself, scoped
// environment variables, and key material (RSA and EC) made fresh for each run.
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kraft::testing {

/// A fresh directory under $TMPDIR, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  /// Writes `content` to path()/name (creating folders) and returns the full path.
  std::string write(const std::string& name, const std::string& content) const;
  /// Like write(), and makes the file executable (for exec plugin scripts).
  std::string write_script(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

/// Sets (or, with nullopt, unsets) an environment variable for the lifetime of the object.
class ScopedEnv {
 public:
  ScopedEnv(std::string name, const std::optional<std::string>& value);
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

struct KeyMaterial {
  std::string cert_pem;
  std::string key_pem;
};

/// A self-signed certificate with an RSA 2048 key.
KeyMaterial rsa_key_material();
/// A client certificate with an EC P-256 key.
KeyMaterial ec_key_material();
/// base64 of `bytes` (via OpenSSL).
std::string b64(const std::string& bytes);

/// The message of the kraft::Error `fn` throws, or "(no error)".
std::string message_of(const std::function<void()>& fn);

/// The exact bytes of a file ("" when it cannot be read).
std::string bytes_of(const std::string& path);

/// The names of the entries of directory `dir`, sorted.
std::vector<std::string> entries_of(const std::string& dir);

}  // namespace kraft::testing
