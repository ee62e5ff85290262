// The embedded store's on-disk format version, recorded in the file PEREGRINE-FORMAT beside RocksDB's files.
//   format 1 (the first Peregrine builds; no marker file): one row per span ('S' trace start span-id) and
//            one index row per span and term ('V' service, 'O' operation, 'G' service+tag, 'D' duration keys).
//   format 2: rows per trace chunk — span chunks and span keys under 'S' trace, index rows 'v', 'o', 't'
//            (key_layout.hpp, span_chunk.hpp, index_value.hpp). Catalog rows are unchanged.
// A directory with a RocksDB database but no marker holds format 1, which this build cannot search: it is
// refused with an error saying so (nothing in it is changed); a marker naming another version likewise.
#pragma once
#include <filesystem>
#include <string>

namespace peregrine::storage::embedded {

constexpr int kFormatVersion = 2;
inline constexpr const char* kFormatMarkerFile = "PEREGRINE-FORMAT";

// The marker file's content for `version` (one line).
std::string format_marker_text(int version);

// Run before the database in `directory` is opened. For an existing database checks the marker; for a new one
// (no RocksDB CURRENT file) writes it, unless read-only. Throws std::runtime_error naming the directory, the
// format found and what to do.
void check_or_write_format(const std::filesystem::path& directory, bool read_only);

}  // namespace peregrine::storage::embedded
