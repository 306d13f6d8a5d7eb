#pragma once
// Authentic is not enough: a service acts on a message only from the role that may send it
// (only a session manager prepares or decides, only the dsm names deadlock victims, only a
// participant reports lock waits).

#include "host/service.h"
#include "wire/wireerror.h"

namespace edgecore {

// Returns `allowed`; when not, the frame is refused as not-authorized and nothing changes.
inline bool senderMay(bool allowed, const Envelope &msg, Context &ctx)
{
    if (!allowed)
        ctx.trace().refuse(msg, static_cast<quint8>(WireError::NotAuthorized),
                           ctx.nameOf(msg.sender) + QStringLiteral(" may not send ") +
                               toString(msg.type));
    return allowed;
}

} // namespace edgecore
