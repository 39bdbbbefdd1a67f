// The `lab` executable: make OpenBLAS load its best kernels, then parse the command line.
import TensorCore

OpenBLASLauncher.reexecWithBestKernelsIfNeeded()
Lab.main()
