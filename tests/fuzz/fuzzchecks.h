#pragma once
// What the fuzz targets check, shared with the regression test that replays kept inputs in
// the normal suite. Each function must never crash, hang or leak on any input, and asserts
// the properties below with EC_CHECK (on in every build).
//
//   checkFrames    a byte stream split into frames at arbitrary points gives the same frames
//                  and errors as the stream read whole; every frame body that decodes
//                  re-encodes to an envelope that decodes to the same fields
//   checkEnvelope  one frame body through the decoder, the verifier and the payload decoder

#include <cstddef>
#include <cstdint>

namespace edgecore::fuzz {

void checkFrames(const std::uint8_t *data, std::size_t size);
void checkEnvelope(const std::uint8_t *data, std::size_t size);

} // namespace edgecore::fuzz
