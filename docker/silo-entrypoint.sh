#!/bin/bash
# Each silo advertises its own container address in the membership table, so the other silos and the
# web API's gateway list reach it; compose replicas cannot be given fixed addresses.
set -eu
if [ -z "${Orleans__Endpoints__AdvertisedIPAddress:-}" ]; then
  Orleans__Endpoints__AdvertisedIPAddress=$(hostname -i | awk '{print $1}')
  export Orleans__Endpoints__AdvertisedIPAddress
fi
exec dotnet /app/CrmActors.Silo.dll "$@"
