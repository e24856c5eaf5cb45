#include "table.h"

#include <kraft/core/text.h>

#include <algorithm>
#include <cctype>

namespace kraft::cli {
namespace {

// kubectl's printers.GetNewTabWriter: minwidth 6 (cell plus padding), padding 3.
constexpr std::size_t kMinCellWidth = 6;
constexpr std::size_t kPadding = 3;

void append_line(std::string& out, const std::vector<std::string>& cells,
                 const std::vector<std::size_t>& widths, const std::string& indent) {
  out += indent;
  for (std::size_t i = 0; i < widths.size(); ++i) {
    const std::string& cell = i < cells.size() ? cells[i] : std::string();
    out += cell;
    if (i + 1 < widths.size()) out.append(widths[i] - display_width(cell), ' ');
  }
  // A last column that is empty leaves padding behind; kubectl's lines never end in blanks.
  while (out.size() > 0 && out.back() == ' ') out.pop_back();
  out += '\n';
}

}  // namespace

std::size_t display_width(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // not a continuation byte
  }));
}

Table::Table(std::vector<std::string> headers) : headers_(std::move(headers)) {
  for (auto& h : headers_) {
    for (auto& c : h) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
}

void Table::add_row(std::vector<std::string> cells) {
  // Cells hold names, phases and messages from the server: escaped, never raw.
  for (auto& cell : cells) cell = sanitize_text(cell, 0);
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

void Table::render(std::string& out, bool no_headers, const std::string& indent) const {
  std::vector<std::size_t> widths(headers_.size(), 0);
  auto measure = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(cells[i]));
    }
  };
  if (!no_headers) measure(headers_);
  for (const auto& row : rows_) measure(row);
  for (auto& w : widths) w = std::max(w + kPadding, kMinCellWidth);

  std::size_t line = indent.size();
  for (auto w : widths) line += w;
  out.reserve(out.size() + (rows_.size() + 1) * (line + 1));
  if (!no_headers) append_line(out, headers_, widths, indent);
  for (const auto& row : rows_) append_line(out, row, widths, indent);
}

std::string Table::str(bool no_headers) const {
  std::string out;
  render(out, no_headers);
  return out;
}

}  // namespace kraft::cli
