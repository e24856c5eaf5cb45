// json_view.h's readers. Out of line so that the header needs only json_fwd.hpp; a call costs
// nothing next to the key lookups they make.
#include <kraft/api/json_view.h>

#include <nlohmann/json.hpp>
#include <string>

namespace kraft::api {

const nlohmann::json* child(const nlohmann::json* object, const char* key) {
  if (object == nullptr || !object->is_object()) return nullptr;
  auto it = object->find(key);
  return it == object->end() ? nullptr : &*it;
}

const nlohmann::json* element(const nlohmann::json* array, std::size_t index) {
  return array != nullptr && array->is_array() && index < array->size() ? &(*array)[index]
                                                                        : nullptr;
}

std::string_view string_at(const nlohmann::json* object, const char* key) {
  const nlohmann::json* value = child(object, key);
  return value != nullptr && value->is_string()
             ? std::string_view(value->get_ref<const std::string&>())
             : std::string_view();
}

std::string_view string_at(const nlohmann::json& object, const char* key) {
  return string_at(&object, key);
}

std::optional<std::int64_t> int_at(const nlohmann::json* object, const char* key) {
  const nlohmann::json* value = child(object, key);
  if (value == nullptr || !value->is_number_integer()) return std::nullopt;
  return value->get<std::int64_t>();
}

std::string_view metadata_string(const nlohmann::json& object, const char* key) {
  return string_at(child(&object, "metadata"), key);
}

std::string_view label_at(const nlohmann::json& object, const char* key) {
  return string_at(child(child(&object, "metadata"), "labels"), key);
}

bool is_terminating(const nlohmann::json& object) {
  return child(child(&object, "metadata"), "deletionTimestamp") != nullptr;
}

}  // namespace kraft::api
