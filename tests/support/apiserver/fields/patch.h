#pragma once
// JSON merge patch (RFC 7386) and JSON patch (RFC 6902) with kube-apiserver's error messages.
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace kraft::testing {

/// A patch that cannot be applied; what() is the message for the Status (400 or 422 per
/// `code()`), as kube-apiserver words it.
class PatchError : public std::runtime_error {
 public:
  PatchError(const std::string& message, int code) : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

/// RFC 7386. Throws PatchError(400) when the patch is not a JSON object.
nlohmann::json apply_merge_patch(const nlohmann::json& target, const nlohmann::json& patch);

/// RFC 6902, including "test". Throws PatchError with the apiserver's wording.
nlohmann::json apply_json_patch(const nlohmann::json& target, const nlohmann::json& operations);

}  // namespace kraft::testing
