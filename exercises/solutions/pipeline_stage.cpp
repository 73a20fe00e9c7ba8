// Exercise 10, solved: the stage ranges over its input until it ends; main keeps no
// sender of "squares", so the stage's own, destroyed when it returns, ends main's loop.
#include <chan/chan.hpp>

#include <cstdio>
#include <thread>
#include <utility>

void source(chan::sender<int> out) {
    chan::trace::name_thread("source");
    for (int n = 1; n <= 10; ++n) out.send(n);
}

void square(chan::receiver<int> in, chan::sender<int> out) {
    chan::trace::name_thread("square");
    for (int n : in) out.send(n * n);
}  // `out` is destroyed: "squares" ends once main has taken what is buffered

int main() {
    chan::trace::name_thread("main");

    auto [numbers_tx, numbers_rx] = chan::bounded<int>(1, "numbers");
    auto [squares_tx, squares_rx] = chan::bounded<int>(1, "squares");

    std::thread first(source, std::move(numbers_tx));
    std::thread middle(square, std::move(numbers_rx), squares_tx);
    squares_tx = {};  // only the stage may keep "squares" open

    int sum = 0;
    for (int s : squares_rx) sum += s;
    std::printf("sum of squares: %d\n", sum);

    first.join();
    middle.join();
    return 0;
}
