// Exercise 10: write the middle stage of a pipeline.
//
// source --"numbers"--> square --"squares"--> main
//
// Each stage receives until the channel before it ends, then lets its own output end,
// and so the end passes down the pipeline. Write the square stage, and make sure main's
// loop over "squares" can end.
//
// Check it:  ./cookbook exercise pipeline_stage
#include <chan/chan.hpp>

#include <cstdio>
#include <thread>
#include <utility>

// The first stage: sends 1 to 10, then returns. Its sender is destroyed with it, and
// that ends "numbers".
void source(chan::sender<int> out) {
    chan::trace::name_thread("source");
    for (int n = 1; n <= 10; ++n) out.send(n);
}

// The middle stage: squares every number.
void square(chan::receiver<int> in, chan::sender<int> out) {
    chan::trace::name_thread("square");
    // TODO: this handles the first number only. Receive every number from `in` until
    //       "numbers" ends, and send its square on `out`.
    if (auto n = in.recv()) out.send(*n * *n);
}

int main() {
    chan::trace::name_thread("main");

    auto [numbers_tx, numbers_rx] = chan::bounded<int>(1, "numbers");
    auto [squares_tx, squares_rx] = chan::bounded<int>(1, "squares");

    std::thread first(source, std::move(numbers_tx));
    std::thread middle(square, std::move(numbers_rx), squares_tx);  // a copy of the sender
    // TODO: main still holds a sender of "squares". While any sender exists, the loop
    //       below cannot know that no more squares are coming. Let go of it.

    int sum = 0;
    for (int s : squares_rx) sum += s;  // ends when "squares" ends
    std::printf("sum of squares: %d\n", sum);

    first.join();
    middle.join();
    return 0;
}
