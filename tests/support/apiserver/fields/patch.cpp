#include "fields/patch.h"

namespace kraft::testing {

nlohmann::json apply_merge_patch(const nlohmann::json& target, const nlohmann::json& patch) {
  if (!patch.is_object()) {
    throw PatchError("json: cannot unmarshal " + std::string(patch.type_name()) +
                         " into Go value of type map[string]interface {}",
                     400);
  }
  nlohmann::json result = target;
  result.merge_patch(patch);
  return result;
}

nlohmann::json apply_json_patch(const nlohmann::json& target, const nlohmann::json& operations) {
  if (!operations.is_array()) {
    throw PatchError("json: cannot unmarshal " + std::string(operations.type_name()) +
                         " into Go value of type jsonpatch.Patch",
                     400);
  }
  try {
    return target.patch(operations);
  } catch (const nlohmann::json::exception& e) {
    // kube-apiserver answers a JSON patch that cannot be applied with 422 and the jsonpatch
    // library's message; ours differ in wording but keep the code.
    throw PatchError(std::string("the server rejected our request due to an error in our "
                                 "request: ") +
                         e.what(),
                     422);
  }
}

}  // namespace kraft::testing
