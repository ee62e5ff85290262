# The Jaeger agent's UDP interface (agent.thrift), written from the public Jaeger IDL: one-way calls wrapped in
# a Thrift message envelope, compact protocol on 6831/5775 and binary protocol on 6832.

include "jaeger.thrift"
include "zipkincore.thrift"

namespace cpp peregrine.thrift_idl.agent

service Agent {
  oneway void emitZipkinBatch(1: list<zipkincore.Span> spans)
  oneway void emitBatch(1: jaeger.Batch batch)
}
