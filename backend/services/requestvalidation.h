#pragma once
// The edge's first job: check and normalise a session request before anything inside the
// trust boundary sees it. Pure functions, tested on their own.

#include "core/types.h"

#include <QString>

#include <optional>

namespace edgecore {

struct SessionRequest
{
    QString subscriber; // digits only, 5 to 15 of them (an IMSI or MSISDN)
    TrafficClass trafficClass = TrafficClass::Data;
    Protocol protocol = Protocol::TwoPhase;
};

struct ValidationResult
{
    std::optional<SessionRequest> request;
    QString error; // set when request is empty
};

// subscriber: spaces and dashes are dropped, an "imsi-", "tel:" or "+" prefix is removed.
// trafficClass: VOICE or DATA, any case. protocol: 2PC (also when empty) or 3PC.
ValidationResult validateRequest(const QString &subscriber, const QString &trafficClass,
                                 const QString &protocol);

} // namespace edgecore
