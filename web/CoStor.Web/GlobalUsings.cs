global using CoStor.Web.Shared;
