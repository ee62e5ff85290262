// What the query service adds to the --query.ui-config document it serves to the web UI: Jaeger tells its UI that
// archive storage exists (JAEGER_STORAGE_CAPABILITIES {"archiveStorage":true}) and the UI then offers
// "Archive Trace"; Peregrine's UI reads the same fact as uiConfig "archiveEnabled". Pure JSON work, no I/O.
#pragma once
#include <string>

namespace peregrine::runtime {

// ui_config_json: the (already validated) --query.ui-config contents, "" for none. With archive storage, returns
// the document with "archiveEnabled": true added — unless the file sets "archiveEnabled" itself, which wins (as in
// Jaeger UI). Without archive storage the document is returned unchanged.
std::string ui_config_with_archive_capability(const std::string& ui_config_json, bool archive_available);

}  // namespace peregrine::runtime
