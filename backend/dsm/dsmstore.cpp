#include "dsmstore.h"

#include "core/check.h"

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

QString toString(DsmStatus s)
{
    switch (s) {
    case DsmStatus::Ok:
        return u"ok"_s;
    case DsmStatus::Conflict:
        return u"conflict"_s;
    case DsmStatus::LeaseHeld:
        return u"lease-held"_s;
    case DsmStatus::NotOwner:
        return u"not-owner"_s;
    case DsmStatus::StaleToken:
        return u"stale-token"_s;
    }
    return u"?"_s;
}

DsmResult DsmStore::write(const QString &key, DsmEntry next)
{
    DsmEntry &cur = m_entries[key];
    DsmResult r;
    r.oldVersion = cur.version;
    next.version = cur.version + 1;
    EC_CHECK(next.version > cur.version); // versions strictly increase per key
    cur = std::move(next);
    r.entry = cur;
    notify(key, cur);
    return r;
}

DsmResult DsmStore::put(const QString &key, const QByteArray &value, NodeId writer,
                        quint64 fencingToken)
{
    const DsmEntry cur = m_entries.value(key);
    if (fencingToken != 0 && fencingToken < cur.fencingToken)
        return DsmResult{DsmStatus::StaleToken, cur.version, cur};
    DsmEntry next;
    next.value = value;
    next.writer = writer;
    next.fencingToken = std::max(fencingToken, cur.fencingToken);
    return write(key, std::move(next));
}

DsmResult DsmStore::cas(const QString &key, quint64 expectedVersion, const QByteArray &value,
                        NodeId writer, quint64 fencingToken)
{
    const DsmEntry cur = m_entries.value(key);
    if (cur.version != expectedVersion)
        return DsmResult{DsmStatus::Conflict, cur.version, cur};
    return put(key, value, writer, fencingToken);
}

DsmResult DsmStore::acquireLease(const QString &key, NodeId owner, Duration ttl, Instant now)
{
    const DsmEntry cur = m_entries.value(key);
    const bool live = cur.leaseOwner != kNoNode && cur.leaseExpiry && *cur.leaseExpiry > now;
    if (live && cur.leaseOwner != owner)
        return DsmResult{DsmStatus::LeaseHeld, cur.version, cur};
    if (live) // the holder asking again: a renewal
        return renewLease(key, owner, ttl, now);
    DsmEntry next;
    next.writer = owner;
    next.leaseOwner = owner;
    next.leaseExpiry = now + ttl;
    DsmResult r = write(key, std::move(next));
    m_entries[key].fencingToken = r.entry.version; // the term's token is its version
    r.entry.fencingToken = r.entry.version;
    return r;
}

DsmResult DsmStore::renewLease(const QString &key, NodeId owner, Duration ttl, Instant now)
{
    auto it = m_entries.find(key);
    if (it == m_entries.end() || it->leaseOwner != owner || !it->leaseExpiry ||
        *it->leaseExpiry <= now) {
        const DsmEntry cur = m_entries.value(key);
        return DsmResult{DsmStatus::NotOwner, cur.version, cur};
    }
    it->leaseExpiry = now + ttl; // same term: same version, same token
    notify(key, *it);
    return DsmResult{DsmStatus::Ok, it->version, *it};
}

DsmResult DsmStore::releaseLease(const QString &key, NodeId owner, Instant now)
{
    const DsmEntry cur = m_entries.value(key);
    if (cur.leaseOwner != owner || !cur.leaseExpiry || *cur.leaseExpiry <= now)
        return DsmResult{DsmStatus::NotOwner, cur.version, cur};
    DsmEntry next;
    next.writer = owner;
    next.fencingToken = cur.fencingToken;
    return write(key, std::move(next));
}

NodeId DsmStore::leaseHolder(const QString &key, Instant now) const
{
    const auto it = m_entries.constFind(key);
    if (it == m_entries.cend() || !it->leaseExpiry || *it->leaseExpiry <= now)
        return kNoNode;
    return it->leaseOwner;
}

quint64 DsmStore::watch(const QString &prefix, NodeId watcher)
{
    const quint64 id = m_nextWatch++;
    m_watches.insert(id, Watch{prefix, watcher});
    return id;
}

void DsmStore::unwatch(quint64 watchId)
{
    m_watches.remove(watchId);
}

void DsmStore::notify(const QString &key, const DsmEntry &e)
{
    for (auto it = m_watches.cbegin(); it != m_watches.cend(); ++it)
        if (key.startsWith(it->prefix))
            m_changes.push_back(DsmChange{key, e, it.key(), it->watcher});
}

std::vector<DsmChange> DsmStore::takeChanges()
{
    return std::exchange(m_changes, {});
}

void DsmStore::restore(const QString &key, const DsmEntry &entry)
{
    DsmEntry &cur = m_entries[key];
    if (entry.version > cur.version)
        cur = entry;
}

} // namespace edgecore
