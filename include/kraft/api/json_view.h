#pragma once
// Read-only views into API objects that kraft does not type (Services, Ingresses, Events,
// StatefulSets): a missing key or a value of the wrong type reads as empty and never throws
// (unlike nlohmann's value()), because half-filled objects are normal while controllers work.
//
//   const json* port0 = element(child(child(&service, "spec"), "ports"), 0);
//   auto node_port = int_at(port0, "nodePort");  // nullopt when absent
#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string_view>

namespace kraft::api {

/// object[key] when `object` is an object holding it, else nullptr.
const nlohmann::json* child(const nlohmann::json* object, const char* key);

/// array[index] when `array` is an array that long, else nullptr.
const nlohmann::json* element(const nlohmann::json* array, std::size_t index);

/// object[key] as a string view ("" when missing or not a string).
std::string_view string_at(const nlohmann::json* object, const char* key);
std::string_view string_at(const nlohmann::json& object, const char* key);

/// object[key] as an integer (nullopt when missing or not an integer).
std::optional<std::int64_t> int_at(const nlohmann::json* object, const char* key);

/// metadata[key] of an API object ("name", "resourceVersion", ...) as a string view.
std::string_view metadata_string(const nlohmann::json& object, const char* key);

/// metadata.labels[key] of an API object ("" when missing).
std::string_view label_at(const nlohmann::json& object, const char* key);

/// metadata.deletionTimestamp is set: the object is being deleted.
bool is_terminating(const nlohmann::json& object);

}  // namespace kraft::api
