/*
 * greedy: lesson 07's yielder (lessons/07-multi-guest/yielder/), which
 * hands the CPU on just before every tick, but for 300 ms: longer than
 * its CPU budget lets it. Beside it the others must still finish, right
 * and on time, and the budget must stop it ("stopped: budget").
 */
#define ATTACK_MS	300
#include "../../../lessons/07-multi-guest/yielder/main.c"
