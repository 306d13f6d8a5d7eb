#pragma once
// Who is in the cluster and where to reach them. Built once the hosts are listening and
// shared read-only afterwards.

#include "core/types.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace edgecore {

struct NodeInfo
{
    NodeId id = kNoNode;
    QString name; // "edge", "sm-1", "rm", ...
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;
};

struct Directory
{
    std::vector<NodeInfo> nodes; // nodes[i].id == i + 1

    const NodeInfo *find(NodeId id) const
    {
        return id >= 1 && id <= nodes.size() ? &nodes[id - 1] : nullptr;
    }
    NodeId lookup(const QString &name) const
    {
        for (const NodeInfo &n : nodes)
            if (n.name == name)
                return n.id;
        return kNoNode;
    }
    // Names indexed by NodeId (index 0 empty).
    QStringList names() const
    {
        QStringList out{QString()};
        for (const NodeInfo &n : nodes)
            out << n.name;
        return out;
    }
};

} // namespace edgecore
