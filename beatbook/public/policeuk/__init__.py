"""The rest of police.uk's API (data.police.uk/docs) over Beatbook's public data: crimes, outcomes, stop and
search, dates, categories, senior officers, neighbourhood events, boundaries and `locate-neighbourhood`, with
police.uk's paths, parameters, field names, limits and error statuses (/work/shared/POLICE_UK.md §3).

Only what police.uk would publish: coordinates are police.uk's anonymised map points (a force-export incident
is snapped to the nearest published point, in its LSOA where there is one), months not dates, no force
references, no force-export free text. The older endpoints (forces, neighbourhoods, team, priorities) are in
`beatbook.public.feed`."""
