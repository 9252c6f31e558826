# The RISC-V decoder and disassembler of the emulated hart.
objs += accel/dbt/decode.o accel/dbt/disas.o
