#include "analytics.h"

namespace edgecore {

void Analytics::onMessage(const Envelope &msg, Context &)
{
    if (msg.type != MsgType::SessionEvent)
        return;
    const Payload in = Payload::decode(msg.payload);
    const auto cls = static_cast<size_t>(in.integer(Field::TrafficClass) == 0 ? 0 : 1);
    ++m_events;
    if (static_cast<Outcome>(in.integer(Field::Outcome)) == Outcome::Committed)
        ++m_committed[cls];
    else
        ++m_aborted[cls];
}

} // namespace edgecore
