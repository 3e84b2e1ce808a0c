$version: "2.0"
$operationInputSuffix: "Request"
$custom: { a: [1, 2.5, -3e2] }

metadata tags = ["x", "y"]
metadata "quoted.key" = { nested: { deep: null, flag: true } }

namespace example.seed
