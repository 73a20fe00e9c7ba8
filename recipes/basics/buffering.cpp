// A buffered channel accepts sends before anyone receives, up to its capacity.
//
// `chan::bounded<T>(n)` holds up to n messages. A send into a channel with room
// completes at once, although no thread is receiving yet; a send into a full channel
// would wait for a receiver. Here a single thread fills the buffer, sees the message
// that does not fit refused by `try_send` (which never waits), then receives what is
// stored, in the order it was sent. Try `--capacity 0`: a rendezvous channel stores
// nothing, so with no receiver waiting every try_send is refused.
//
// Ports: Go by Example, "Channel Buffering".
//
// Run:   ./cookbook run buffering
//        ./cookbook run buffering --capacity 3 (room for a third message: nothing
//            overflows)
//
// Output:
//     sent: buffered
//     sent: channel
//     not sent: overflow (full)
//     received: buffered
//     received: channel
#include <cstddef>
#include <string>

#include <chan/chan.hpp>

#include "cookbook.hpp"

int main(int argc, char** argv) {
    cookbook::args args(argc, argv, {{"capacity", 2, 0, 4, "messages the channel can hold"}});

    // ANCHOR: example
    auto [tx, rx] = chan::bounded<std::string>(args.get<std::size_t>("capacity"), "messages");

    for (std::string word : {"buffered", "channel", "overflow"}) {
        // A full channel hands the message back instead of waiting for a receiver.
        if (auto r = tx.try_send(word)) {
            cookbook::println("sent: ", word);
        } else {
            cookbook::println("not sent: ", word, " (", r.status(), ")");
        }
    }

    // drain() receives what is stored now, without waiting for more.
    for (const std::string& word : rx.drain()) cookbook::println("received: ", word);
    // ANCHOR_END: example
    return 0;
}
