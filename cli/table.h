#pragma once
// kubectl's column tables (its printers use a tabwriter with minimum width 6 and padding 3):
// headers in upper case, every column but the last padded to its widest cell plus three
// spaces, no trailing spaces. Rendering is pure, so layout is tested without a terminal.
#include <string>
#include <vector>

namespace kraft::cli {

class Table {
 public:
  /// `headers` are printed upper-cased ("Server URL" -> "SERVER URL").
  explicit Table(std::vector<std::string> headers);

  /// A row with one cell per header (missing cells are empty, extra cells are dropped).
  void add_row(std::vector<std::string> cells);
  std::size_t rows() const { return rows_.size(); }

  /// Appends the table to `out`, each line starting with `indent`; without the header line
  /// when `no_headers` (kubectl's --no-headers).
  void render(std::string& out, bool no_headers = false, const std::string& indent = "") const;
  std::string str(bool no_headers = false) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

/// The number of characters (UTF-8 code points) in `text`, as a terminal column counts them.
std::size_t display_width(const std::string& text);

}  // namespace kraft::cli
