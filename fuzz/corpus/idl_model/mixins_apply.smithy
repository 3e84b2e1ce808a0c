$version: "2.0"
namespace example.seed

@mixin
structure Audited {
    createdBy: String
    @required
    createdAt: Timestamp
}

structure Record with [Audited] {
    @pattern("^u-")
    $createdBy
    body: Blob
}

apply Record @documentation("applied later")
apply Record$body {
    @length(max: 1024)
    @sensitive
}
