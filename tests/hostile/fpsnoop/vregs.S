/* The vector guest's fill and check (lesson 07), for this guest too. */
#include "../../../lessons/07-multi-guest/vector/vregs.S"
