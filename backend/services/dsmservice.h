#pragma once
// The distributed shared memory service: DsmStore behind messages. Puts, compare-and-swaps,
// leases and watches; every change is a trace event with the key, the old and new version and
// the writer, and is logged so a restarted dsm comes back with every version it had.

#include "dsm/dsmstore.h"
#include "host/service.h"

namespace edgecore {

class DsmService final : public Service
{
public:
    void start(Context &ctx) override;
    void onMessage(const Envelope &msg, Context &ctx) override;
    void onTimer(TimerId, Context &) override {}

    DsmEntry get(const QString &key) const { return m_store.get(key); }
    int keyCount() const { return m_store.size(); }
    const DsmStore &store() const { return m_store; }

private:
    void persist(const QString &key, const DsmEntry &e, Context &ctx);
    void traceWrite(const Envelope &msg, const QString &key, const DsmResult &r, Context &ctx);
    void notifyWatchers(Context &ctx);

    DsmStore m_store;
};

} // namespace edgecore
