#pragma once
// Small helpers and constants several CLI test files share (one copy here, so that the test
// files also compile together in one unity batch).
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace kraft::testing {

/// The fixed "now" of the pure output tests: 2024-05-03 12:00:00 UTC.
inline const std::chrono::system_clock::time_point kFixedNow =
    std::chrono::sys_days(std::chrono::year(2024) / 5 / 3) + std::chrono::hours(12);

/// The API path of cluster k3k-demo/demo, kraft's default namespace and a usual name.
inline const std::string kDemoClusterPath =
    "/apis/k3k.io/v1beta1/namespaces/k3k-demo/clusters/demo";

/// The bytes of the file at `path` ("" when it cannot be read).
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// How many lines `text` has (its newlines).
inline std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace kraft::testing
