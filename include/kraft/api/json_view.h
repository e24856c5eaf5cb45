#pragma once
// Read-only views into API objects that kraft does not type (Services, Ingresses, Events,
// StatefulSets): a missing key or a value of the wrong type reads as empty and never throws
// (unlike nlohmann's value()), because half-filled objects are normal while controllers work.
//
//   const json* port0 = element(child(child(&service, "spec"), "ports"), 0);
//   auto node_port = int_at(port0, "nodePort");  // nullopt when absent
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace kraft::api {

/// object[key] when `object` is an object holding it, else nullptr.
inline const nlohmann::json* child(const nlohmann::json* object, const char* key) {
  if (object == nullptr || !object->is_object()) return nullptr;
  auto it = object->find(key);
  return it == object->end() ? nullptr : &*it;
}

/// array[index] when `array` is an array that long, else nullptr.
inline const nlohmann::json* element(const nlohmann::json* array, std::size_t index) {
  return array != nullptr && array->is_array() && index < array->size() ? &(*array)[index]
                                                                        : nullptr;
}

/// object[key] as a string view ("" when missing or not a string).
inline std::string_view string_at(const nlohmann::json* object, const char* key) {
  const nlohmann::json* value = child(object, key);
  return value != nullptr && value->is_string()
             ? std::string_view(value->get_ref<const std::string&>())
             : std::string_view();
}
inline std::string_view string_at(const nlohmann::json& object, const char* key) {
  return string_at(&object, key);
}

/// object[key] as an integer (nullopt when missing or not an integer).
inline std::optional<std::int64_t> int_at(const nlohmann::json* object, const char* key) {
  const nlohmann::json* value = child(object, key);
  if (value == nullptr || !value->is_number_integer()) return std::nullopt;
  return value->get<std::int64_t>();
}

/// metadata[key] of an API object ("name", "resourceVersion", ...) as a string view.
inline std::string_view metadata_string(const nlohmann::json& object, const char* key) {
  return string_at(child(&object, "metadata"), key);
}

/// metadata.labels[key] of an API object ("" when missing).
inline std::string_view label_at(const nlohmann::json& object, const char* key) {
  return string_at(child(child(&object, "metadata"), "labels"), key);
}

/// metadata.deletionTimestamp is set: the object is being deleted.
inline bool is_terminating(const nlohmann::json& object) {
  return child(child(&object, "metadata"), "deletionTimestamp") != nullptr;
}

}  // namespace kraft::api
