#!/bin/sh
# Prints a dev-only bearer token for the stack started by run.sh, signed with the key it generated in
# .local/dev-jwt (never a production key). Scopes: all three by default, or the ones given, e.g.
#   curl -H "Authorization: Bearer $(./local-stack/token.sh 'operations:read')" localhost:8086/v1/reconciliation/summary
cd "$(dirname "$0")/.."
JAVA_HOME="$(.mvn/jdk.sh)"
exec "$JAVA_HOME/bin/java" -cp local-stack/target/local-stack.jar io.postline.localstack.DevTokens .local/dev-jwt \
  "${1:-authorizations:write operations:read operations:write}"
