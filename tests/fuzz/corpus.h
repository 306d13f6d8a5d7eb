#pragma once
// The seed corpus: valid frames of every message type (signed with the fuzz key, 0x42 x 32,
// key id 1, to node 2, at wall time 1.7e12 ms), as stream inputs and as bodies.

#include <QByteArray>

#include <vector>

namespace edgecore::fuzz {

std::vector<QByteArray> seedFrames(); // inputs for checkFrames (a cut byte, then a stream)
std::vector<QByteArray> seedBodies(); // inputs for checkEnvelope

} // namespace edgecore::fuzz
