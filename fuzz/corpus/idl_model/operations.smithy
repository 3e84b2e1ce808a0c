$version: "2.0"
namespace example.seed

@title("Seed service")
service Seed {
    version: "2024-01-01"
    operations: [GetThing, PutThing]
    resources: [ThingResource]
    errors: [Oops]
    rename: { "other.ns#Thing": "OtherThing" }
}

resource ThingResource {
    identifiers: { id: String }
    properties: { label: String }
    read: GetThing
}

@readonly
@http(method: "GET", uri: "/things/{id}")
operation GetThing {
    input := for ThingResource {
        @required
        @httpLabel
        $id
    }
    output := {
        label: String
    }
    errors: [Oops]
}

@idempotent
operation PutThing {
    input: PutThingInput
}

@input
structure PutThingInput {}

@error("client")
@httpError(400)
structure Oops {
    message: String
}
