// Lazy version detection and template installation (see es_bootstrap.hpp).
#include "backend/storage/elasticsearch/es_bootstrap.hpp"

#include <spdlog/spdlog.h>

#include "backend/esutil/index_templates.hpp"
#include "backend/esutil/indices_client.hpp"

namespace peregrine::storage::elasticsearch {

bool EsBootstrap::ensure(std::string* error) {
  std::lock_guard<std::mutex> lock(mu_);
  if (done_) return true;
  try {
    esutil::IndicesClient client(http_);
    if (!version_) {
      version_ = opts_.version != 0 ? esutil::version_from_flag(opts_.version) : client.version();
      spdlog::info("Elasticsearch storage uses the {} API", version_->describe());
    }
    if (opts_.create_index_templates) {
      struct Entry {
        esutil::TemplateKind kind;
        int64_t priority;
      };
      for (const Entry& e : {Entry{esutil::TemplateKind::Span, opts_.priority_span_template},
                             Entry{esutil::TemplateKind::Service, opts_.priority_service_template},
                             Entry{esutil::TemplateKind::Dependencies, opts_.priority_dependencies_template}}) {
        esutil::TemplateParams p;
        p.index_prefix = opts_.index_prefix;
        p.shards = opts_.num_shards;
        p.replicas = opts_.num_replicas;
        p.priority = e.priority;
        p.use_ilm = opts_.use_ilm;
        client.put_template(esutil::template_name(e.kind, opts_.index_prefix),
                            esutil::render_index_template(e.kind, p, *version_), *version_);
      }
    }
    done_ = true;
    return true;
  } catch (const std::exception& ex) {
    if (error) *error = std::string("Elasticsearch bootstrap failed: ") + ex.what();
    return false;
  }
}

}  // namespace peregrine::storage::elasticsearch
