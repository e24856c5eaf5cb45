// YAML text -> JSON on libyaml's event parser: one pass over the events with an explicit stack
// (no recursion, so no nesting can overflow ours), aliases expanded from a copy of their
// anchor's finished JSON, within the depth and node budgets of yaml_json.h.
#include <fmt/format.h>
#include <kraft/core/error.h>
#include <yaml.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

#include "config/yaml_json.h"

namespace kraft::config::detail {
namespace {

using nlohmann::json;

struct Anchor {
  json value;
  long nodes = 0;                   // nodes the value stands for, aliases inside expanded
  int height = 0;                   // depth of its deepest node below it
  bool complete = false;            // false while its own collection is still open: a cycle
  std::optional<std::string> text;  // a scalar's source text
};

// A collection being built. Arrays remember their items' lines until the end event: items
// move while the vector grows, so their final addresses are only known then.
struct Frame {
  json value;
  bool is_map = false;
  bool have_key = false;
  std::string key;
  int line = 0;
  int height = 0;
  long nodes_before = 0;
  std::string anchor;
  std::vector<int> item_lines;
  std::vector<std::pair<size_t, std::string>> item_texts;
};

std::string_view str_of(const yaml_char_t* s) {
  return s == nullptr ? std::string_view() : reinterpret_cast<const char*>(s);
}

class Builder {
 public:
  Builder(std::string_view text, const std::string& source)
      : text_(text), source_(source), name_(source.empty() ? "<kubeconfig>" : source) {}

  YamlDocument run() {
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) throw ConfigError(name_ + ": out of memory");
    const std::unique_ptr<yaml_parser_t, void (*)(yaml_parser_t*)> guard(&parser,
                                                                         yaml_parser_delete);
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text_.data()),
                                 text_.size());
    for (bool done = false; !done;) {
      yaml_event_t event;
      if (!yaml_parser_parse(&parser, &event)) syntax_error(parser);
      const std::unique_ptr<yaml_event_t, void (*)(yaml_event_t*)> event_guard(&event,
                                                                               yaml_event_delete);
      done = handle(event);
    }
    return std::move(doc_);
  }

 private:
  // Returns true at the end of the first document: later ones are ignored, as they always were
  // here and are by the YAML reader behind kubectl.
  bool handle(const yaml_event_t& e) {
    const int line = static_cast<int>(e.start_mark.line) + 1;
    switch (e.type) {
      case YAML_SCALAR_EVENT:
        scalar(e, line);
        return false;
      case YAML_SEQUENCE_START_EVENT:
        open(false, str_of(e.data.sequence_start.anchor), e);
        return false;
      case YAML_MAPPING_START_EVENT:
        open(true, str_of(e.data.mapping_start.anchor), e);
        return false;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        close();
        return false;
      case YAML_ALIAS_EVENT:
        alias(str_of(e.data.alias.anchor), e);
        return false;
      case YAML_DOCUMENT_END_EVENT:
      case YAML_STREAM_END_EVENT:
        return true;
      default:
        return false;
    }
  }

  void scalar(const yaml_event_t& e, int line) {
    const auto& s = e.data.scalar;
    const std::string_view text(reinterpret_cast<const char*>(s.value), s.length);
    const std::string_view anchor = str_of(s.anchor);
    if (expecting_key()) {
      stack_.back().key.assign(text);
      stack_.back().have_key = true;
      if (!anchor.empty()) remember_scalar(anchor, json(std::string(text)), text);
      return;
    }
    count(0, 1);
    json value = convert(text, str_of(s.tag), s.style);
    if (!anchor.empty()) remember_scalar(anchor, value, text);
    const bool keep_text = value.is_boolean() || value.is_number();
    attach(std::move(value), line, keep_text ? text : std::string_view(), 0);
  }

  static json convert(std::string_view text, std::string_view tag, yaml_scalar_style_t style) {
    // An explicit tag decides (`!` is YAML's non-specific tag: a string); otherwise only plain
    // scalars resolve, and quoted or block scalars are strings.
    if (tag == "tag:yaml.org,2002:str" || tag == "!") return std::string(text);
    if (tag.empty() && style != YAML_PLAIN_SCALAR_STYLE) return std::string(text);
    return resolve_plain(text);
  }

  void open(bool is_map, std::string_view anchor, const yaml_event_t& e) {
    if (expecting_key()) not_a_key(e);
    count(0, 1);
    Frame f;
    f.value = is_map ? json::object() : json::array();
    f.is_map = is_map;
    f.nodes_before = nodes_;
    f.anchor.assign(anchor);
    if (!anchor.empty()) anchors_[f.anchor] = Anchor{};  // open: an alias to it is a cycle
    f.line = static_cast<int>(e.start_mark.line) + 1;
    stack_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (!f.is_map) {
      // The items are where they will stay now.
      const auto& items = f.value.get_ref<const json::array_t&>();
      for (size_t i = 0; i < items.size(); ++i) doc_.spots.add(items[i], f.item_lines[i]);
      for (auto& [i, text] : f.item_texts) doc_.spots.add_text(items[i], std::move(text));
    }
    if (!f.anchor.empty()) {
      anchors_[f.anchor] = Anchor{f.value, nodes_ - f.nodes_before, f.height, true, {}};
    }
    attach(std::move(f.value), f.line, {}, f.height);
  }

  void alias(std::string_view name, const yaml_event_t& e) {
    const auto it = anchors_.find(std::string(name));
    if (it == anchors_.end()) {
      fail_at(e.start_mark, fmt::format("found undefined alias *{}", name));
    }
    const Anchor& a = it->second;
    // An alias inside its own anchor's collection would expand forever.
    if (!a.complete) too_deep();
    if (expecting_key()) {
      if (!a.text) not_a_key(e);
      stack_.back().key = *a.text;
      stack_.back().have_key = true;
      return;
    }
    aliased_nodes_ += a.nodes;
    count(a.height, a.nodes);
    const bool keep_text = a.text && (a.value.is_boolean() || a.value.is_number());
    attach(json(a.value), static_cast<int>(e.start_mark.line) + 1,
           keep_text ? std::string_view(*a.text) : std::string_view(), a.height);
  }

  void remember_scalar(std::string_view name, json value, std::string_view text) {
    anchors_[std::string(name)] = Anchor{std::move(value), 1, 0, true, std::string(text)};
  }

  bool expecting_key() const {
    return !stack_.empty() && stack_.back().is_map && !stack_.back().have_key;
  }

  // Counts `nodes` more nodes placed at the current depth, the deepest `height` below it.
  void count(int height, long nodes) {
    if (static_cast<int>(stack_.size()) + height > kMaxYamlDepth) too_deep();
    nodes_ += nodes;
    if (nodes_ <= kMaxYamlNodes) return;
    // Say which it is: an alias bomb, or a document that is simply that large.
    const std::string what = fmt::format("more than {} YAML nodes{}; kraft reads at most {}",
                                         kMaxYamlNodes,
                                         aliased_nodes_ > nodes_ / 2 ? " once aliases are expanded"
                                                                     : "",
                                         kMaxYamlNodes);
    limit(what.c_str());
  }

  void attach(json value, int line, std::string_view plain_text, int height) {
    if (stack_.empty()) {
      doc_.value = std::move(value);
      doc_.spots.root_line = line;
      return;
    }
    Frame& parent = stack_.back();
    parent.height = std::max(parent.height, height + 1);
    if (!parent.is_map) {
      auto& items = parent.value.get_ref<json::array_t&>();
      if (!plain_text.empty()) parent.item_texts.emplace_back(items.size(), plain_text);
      items.push_back(std::move(value));
      parent.item_lines.push_back(line);
      return;
    }
    auto& object = parent.value.get_ref<json::object_t&>();
    // A repeated key: the last one wins, as it always has here.
    auto [it, inserted] = object.try_emplace(std::move(parent.key));
    json& slot = it->second;
    slot = std::move(value);
    parent.key.clear();
    parent.have_key = false;
    doc_.spots.add(slot, line);
    if (!plain_text.empty()) {
      doc_.spots.add_text(slot, std::string(plain_text));
    } else if (!inserted) {
      doc_.spots.forget_text(slot);
    }
  }

  [[noreturn]] void not_a_key(const yaml_event_t& e) const {
    fail_at(e.start_mark, "a mapping key must be a string, not a list or a mapping");
  }

  [[noreturn]] void too_deep() const { limit("YAML nesting too deep"); }

  [[noreturn]] void limit(const char* what) const {
    throw ConfigError(fmt::format("kubeconfig{}{}: {}", source_.empty() ? "" : " ", source_, what));
  }

  [[noreturn]] void fail_at(const yaml_mark_t& mark, const std::string& what) const {
    throw ConfigError(
        fmt::format("{}:{}:{}: malformed YAML: {}", name_, mark.line + 1, mark.column + 1, what));
  }

  [[noreturn]] void syntax_error(const yaml_parser_t& p) const {
    const std::string problem = p.problem != nullptr ? p.problem : "cannot parse";
    if (p.error == YAML_READER_ERROR) {
      // Bad encoding: libyaml knows the byte, not the line.
      const size_t at = std::min(p.problem_offset, text_.size());
      const auto line = std::count(text_.begin(), text_.begin() + static_cast<long>(at), '\n');
      throw ConfigError(fmt::format("{}:{}: malformed YAML: {}", name_, line + 1, problem));
    }
    if (p.error == YAML_MEMORY_ERROR) throw ConfigError(name_ + ": out of memory reading YAML");
    std::string what = problem;
    if (p.context != nullptr && p.context_mark.line != p.problem_mark.line) {
      what += fmt::format(" ({} that starts on line {})", p.context, p.context_mark.line + 1);
    } else if (p.context != nullptr) {
      what += fmt::format(" ({})", p.context);
    }
    fail_at(p.problem_mark, what);
  }

  std::string_view text_;
  const std::string& source_;
  std::string name_;
  YamlDocument doc_;
  std::vector<Frame> stack_;
  std::unordered_map<std::string, Anchor> anchors_;
  long nodes_ = 0;
  long aliased_nodes_ = 0;  // of nodes_, those an alias repeated
};

}  // namespace

YamlDocument read_yaml(std::string_view text, const std::string& source) {
  return Builder(text, source).run();
}

}  // namespace kraft::config::detail
