#pragma once
// The distributed shared memory service: a versioned key-value store. Every put makes a new
// version of its key; versions strictly increase per key.

#include "host/service.h"

#include <QHash>

namespace edgecore {

class DsmService final : public Service
{
public:
    struct Entry
    {
        quint64 version = 0;
        QByteArray value;
        NodeId writer = kNoNode;
    };

    void start(Context &) override {}
    void onMessage(const Envelope &msg, Context &ctx) override;
    void onTimer(TimerId, Context &) override {}

    Entry get(const QString &key) const { return m_entries.value(key); }
    int keyCount() const { return static_cast<int>(m_entries.size()); }

private:
    QHash<QString, Entry> m_entries;
};

} // namespace edgecore
