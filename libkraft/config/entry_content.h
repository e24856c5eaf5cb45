#pragma once
// What a kubeconfig entry says, independent of the file it sits in: moving entries between
// files (merge, `get -o FILE`) and deciding whether two entries with one name are the same.
#include <kraft/config/kubeconfig.h>

#include <nlohmann/json.hpp>
#include <string>

namespace kraft::config::detail {

/// Moves an entry to the file `new_source`: each relative path in its raw JSON (cluster
/// certificate-authority; user client-certificate, client-key, tokenFile, an exec command with
/// a '/') that would name another file there is replaced by the absolute path it named, and
/// `source` becomes `new_source`. Spellings that still name the same file are kept.
void relocate(Named<ClusterInfo>& entry, const std::string& new_source);
void relocate(Named<AuthInfo>& entry, const std::string& new_source);
void relocate(Named<ContextInfo>& entry, const std::string& new_source);

/// relocate() for every entry, and `config.source` = `new_source`.
void relocate_all(Kubeconfig& config, const std::string& new_source);

/// The entry's inner map as to_yaml() writes it, with absolute paths and without its name:
/// equal texts mean equal content, whichever files the entries came from.
std::string content_text(const Named<ClusterInfo>& entry);
std::string content_text(const Named<AuthInfo>& entry);
std::string content_text(const Named<ContextInfo>& entry);

/// content_text() as JSON, credentials (token, password, client-key-data) left out.
nlohmann::json content_json(const Named<ClusterInfo>& entry);
nlohmann::json content_json(const Named<AuthInfo>& entry);
nlohmann::json content_json(const Named<ContextInfo>& entry);

}  // namespace kraft::config::detail
