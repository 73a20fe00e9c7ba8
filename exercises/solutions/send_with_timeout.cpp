// Exercise 12, solved: each order waits at most 20 ms for room. Order 1 fits at once;
// orders 2 and 3 find the channel still full (the kitchen is warming up) and are given up.
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <thread>
#include <utility>

using namespace std::chrono_literals;

int main() {
    chan::trace::name_thread("main");

    auto [orders_tx, orders_rx] = chan::bounded<int>(1, "orders");

    std::thread kitchen([orders = std::move(orders_rx)] {
        chan::trace::name_thread("kitchen");
        std::this_thread::sleep_for(200ms);
        for (int order : orders) {
            std::printf("cooked order %d\n", order);
            std::this_thread::sleep_for(20ms);
        }
    });

    std::thread waiter([orders = std::move(orders_tx)] {
        chan::trace::name_thread("waiter");
        for (int order = 1; order <= 3; ++order) {
            if (orders.send_for(order, 20ms)) {
                std::printf("placed order %d\n", order);
            } else {
                std::printf("gave up on order %d\n", order);  // the order was handed back
            }
        }
        std::printf("waiter done\n");
    });

    waiter.join();
    kitchen.join();
    return 0;
}
